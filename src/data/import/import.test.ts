import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { assembleDataset, IMPORT_LIMITS } from './dataset';
import { ImportError } from './errors';
import { readDataFiles, type PickedFile } from './files';
import { parseNpy } from './npy';
import { writeNpy } from './testing/npy-write';

const DIR = join(__dirname, '../../../test/fixtures/import');
const file = (name: string): PickedFile => ({ name, bytes: readFileSync(join(DIR, name)) });
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  images: { x: number[]; y: number[]; x_test: number[]; y_test: number[]; shape: number[] };
  features: { x: number[]; y: number[]; shape: number[] };
};

describe('files numpy wrote', () => {
  it('reads a compressed .npz of uint8 images with its own test split, scaled to [0, 1]', () => {
    const d = readDataFiles([file('images.npz')]);
    expect(d.input).toEqual([4, 4, 1]);
    expect(d.classes).toBe(3);
    expect(d.scaled).toBe(true);
    expect(d.testFrom).toContain('x_test');
    expect([...d.train.y]).toEqual(expected.images.y);
    expect([...d.test.y]).toEqual(expected.images.y_test);
    expect([...d.train.x]).toEqual(expected.images.x.map((v) => Math.fround(v / 255)));
    expect(d.test.x.length).toBe(expected.images.x_test.length);
  });

  it('reads x.npy and y.npy (float32 features, int32 labels) and holds out 20% by a seed', () => {
    const d = readDataFiles([file('x.npy'), file('y.npy')], 3);
    expect(d.input).toEqual([1, 1, 3]);
    expect(d.train.count + d.test.count).toBe(10);
    expect(d.test.count).toBe(2);
    // Every sample lands in exactly one split, with its own label and features.
    const rows = [...Array(10).keys()].map((i) => expected.features.x.slice(3 * i, 3 * i + 3));
    const seen = [d.train, d.test].flatMap((s) =>
      [...Array(s.count).keys()].map((i) => ({ x: [...s.x.slice(3 * i, 3 * i + 3)], y: s.y[i] })),
    );
    const index = (x: number[]) => rows.findIndex((r) => r.every((v, k) => v === x[k]));
    expect(seen.map((s) => index(s.x)).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    for (const s of seen) expect(s.y).toBe(expected.features.y[index(s.x)]);
    // The same seed gives the same split, another seed another.
    expect(readDataFiles([file('x.npy'), file('y.npy')], 3).test.x).toEqual(d.test.x);
    const other = [1, 2, 4, 5, 6, 7].map((s) => readDataFiles([file('x.npy'), file('y.npy')], s));
    expect(other.some((o) => o.test.x.join() !== d.test.x.join())).toBe(true);
  });
});

describe('npy', () => {
  it('round-trips every dtype our writer makes, with the shape', () => {
    for (const dtype of ['f4', 'f8', 'u1', 'i4'] as const) {
      const floats = dtype === 'f4' || dtype === 'f8';
      const data =
        dtype === 'u1' ? [0, 7, 255, 3, 4, 5] : [floats ? -1.5 : -1, 0, 2.25, 1e6, -7, 3];
      if (!floats) data[2] = 2;
      const a = parseNpy(writeNpy({ dtype, shape: [2, 3], data }));
      expect(a.shape).toEqual([2, 3]);
      expect([...a.data]).toEqual(data);
    }
  });

  it('refuses what it cannot read, naming the problem', () => {
    const good = writeNpy({ dtype: 'f4', shape: [4], data: [1, 2, 3, 4] });
    expect(() => parseNpy(good.subarray(0, good.length - 1))).toThrow(/data bytes/);
    expect(() => parseNpy(new Uint8Array(20))).toThrow(/magic/);
    const text = new TextDecoder('latin1').decode(good).replace('<f4', '<c8');
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(() => parseNpy(bytes)).toThrow(/dtype c8/);
  });
});

describe('csv', () => {
  it('reads features then the label, with or without a header row', () => {
    const a = parseCsv('f1,f2,label\n0.5,1,0\n-2,3e-1,1\n');
    expect(a.x.shape).toEqual([2, 2]);
    expect([...a.x.data]).toEqual([0.5, 1, -2, 0.3]);
    expect([...a.y.data]).toEqual([0, 1]);
    expect(parseCsv('1,2,0\n3,4,1').x.shape).toEqual([2, 2]);
  });

  it('names the row and column of a bad cell or a short row', () => {
    expect(() => parseCsv('1,2,0\n3,NaN,1')).toThrow(/row 2, column 2: "NaN"/);
    expect(() => parseCsv('1,2,0\n3,1')).toThrow(/row 2: 2 columns, expected 3/);
    expect(() => parseCsv('a,b\n')).toThrow(/no data rows/);
  });
});

describe('dataset checks', () => {
  const arr = (shape: number[], data: number[], dtype: 'f8' | 'u1' = 'f8') => ({
    dtype,
    shape,
    data: Float64Array.from(data),
  });
  const xs = arr([6, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

  it('refuses labels out of range, fractional labels, NaN features and a single class', () => {
    expect(() => assembleDataset({ x: xs, y: arr([6], [0, 1, 0, 1, 0, -1]) }, 'd')).toThrow(
      /label 5 is -1/,
    );
    expect(() => assembleDataset({ x: xs, y: arr([6], [0, 1, 0, 1, 0, 0.5]) }, 'd')).toThrow(
      /label 5/,
    );
    const nan = arr([6, 2], [1, 2, 3, NaN, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(() => assembleDataset({ x: nan, y: arr([6], [0, 1, 0, 1, 0, 1]) }, 'd')).toThrow(
      /sample 1 holds NaN/,
    );
    expect(() => assembleDataset({ x: xs, y: arr([6], [2, 2, 2, 2, 2, 2]) }, 'd')).toThrow(
      /single class/,
    );
    expect(() => assembleDataset({ x: xs, y: arr([5], [0, 1, 0, 1, 0]) }, 'd')).toThrow(
      /5 labels for 6 samples/,
    );
  });

  it('states its limits in the error', () => {
    const wide = arr(
      [2, IMPORT_LIMITS.features + 1],
      new Array(2 * (IMPORT_LIMITS.features + 1)).fill(0),
    );
    expect(() => assembleDataset({ x: wide, y: arr([2], [0, 1]) }, 'd')).toThrow(/at most 12288/);
  });
});

/** Whatever the bytes, reading gives a checked dataset or an ImportError, never anything else. */
function readsOrRefuses(files: PickedFile[]) {
  try {
    const d = readDataFiles(files);
    expect(d.train.count).toBeGreaterThan(0);
    expect(d.classes).toBeGreaterThanOrEqual(2);
    expect(d.train.x.every(Number.isFinite)).toBe(true);
    expect([...d.train.y, ...d.test.y].every((v) => v < d.classes)).toBe(true);
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
  }
}

describe('fuzzed files (fast-check)', () => {
  const npz = readFileSync(join(DIR, 'images.npz'));
  const npy = readFileSync(join(DIR, 'x.npy'));

  it('random bytes under every extension', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom('npz', 'npy', 'csv', 'bin'),
        (bytes, ext) =>
          readsOrRefuses([
            { name: `x.${ext}`, bytes },
            ...(ext === 'npy' ? [{ name: 'y.npy', bytes }] : []),
          ]),
      ),
      { numRuns: 300 },
    );
  });

  it('numpy files with bytes changed or cut', () => {
    const mutate = (src: Uint8Array) =>
      fc
        .tuple(
          fc.array(fc.tuple(fc.nat(src.length - 1), fc.integer({ min: 0, max: 255 })), {
            maxLength: 6,
          }),
          fc.nat(src.length),
        )
        .map(([edits, cut]) => {
          const out = src.slice(0, Math.max(1, cut));
          for (const [i, v] of edits) if (i < out.length) out[i] = v;
          return out;
        });
    fc.assert(
      fc.property(mutate(npz), (bytes) => readsOrRefuses([{ name: 'd.npz', bytes }])),
      { numRuns: 300 },
    );
    const y = file('y.npy');
    fc.assert(
      fc.property(mutate(npy), (bytes) => readsOrRefuses([{ name: 'x.npy', bytes }, y])),
      { numRuns: 300 },
    );
  });

  it('CSV text of random numbers and junk', () => {
    const cell = fc.oneof(
      fc.double({ noNaN: false }).map(String),
      fc.integer({ min: -3, max: 12 }).map(String),
      fc.string({ maxLength: 3 }),
    );
    const csv = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 12 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    fc.assert(
      fc.property(csv, (text) =>
        readsOrRefuses([{ name: 'd.csv', bytes: new TextEncoder().encode(text) }]),
      ),
      { numRuns: 300 },
    );
  });

  it('an .npz built with fflate from our own arrays reads back', () => {
    const x = writeNpy({
      dtype: 'f4',
      shape: [6, 2],
      data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    });
    const y = writeNpy({ dtype: 'i4', shape: [6], data: [0, 1, 0, 1, 0, 1] });
    const d = readDataFiles([{ name: 'mine.npz', bytes: zipSync({ 'x.npy': x, 'y.npy': y }) }]);
    expect(d.name).toBe('mine');
    expect(d.train.count + d.test.count).toBe(6);
  });
});
