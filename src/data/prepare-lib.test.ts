// Tests for scripts/data-lib.mjs. They live here, not in scripts/, so `tsc -p tsconfig.app.json`
// type-checks them (tsconfig.node.json does not include scripts/).
import { describe, expect, it } from 'vitest';
import {
  assembleSplit,
  checkLabels,
  deriveSeed,
  mulberry32,
  packClassRows,
  parseIdx,
  parseIdxExpect,
  permutation,
  stratifiedSplit,
} from '../../scripts/data-lib.mjs';
import * as domain from '../domain/random';

/** An IDX file of unsigned bytes with the given dims and body. */
function idx(dims: number[], body: number[], magicByte2 = 0x08): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  out[2] = magicByte2;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(body, 4 + 4 * dims.length);
  return out;
}

describe('parseIdx', () => {
  it('reads dims and body of a rank-3 image file', () => {
    const body = Array.from({ length: 2 * 3 * 2 }, (_, i) => i * 10);
    const { dims, data } = parseIdx(idx([2, 3, 2], body), 'images');
    expect(dims).toEqual([2, 3, 2]);
    expect(Array.from(data)).toEqual(body);
  });

  it('reads a rank-1 label file and checks expected dims', () => {
    const data = parseIdxExpect(idx([4], [3, 1, 4, 1]), 'labels', [4]);
    expect(Array.from(data)).toEqual([3, 1, 4, 1]);
    expect(() => parseIdxExpect(idx([4], [3, 1, 4, 1]), 'labels', [5])).toThrow(
      /expected dims \[5\], got \[4\]/,
    );
  });

  it('rejects a bad magic number', () => {
    const bad = idx([4], [0, 0, 0, 0]);
    bad[0] = 0x12;
    expect(() => parseIdx(bad, 'labels')).toThrow(/labels: bad IDX magic number 0x12000801/);
    expect(() => parseIdx(idx([4], [0, 0, 0, 0], 0x0d), 'floats')).toThrow(/bad IDX magic/);
  });

  it('rejects a file whose magic announces the wrong rank', () => {
    expect(() => parseIdxExpect(idx([1, 2, 2], [1, 2, 3, 4]), 'labels', [4])).toThrow(
      /bad IDX magic number 0x00000803 \(expected 0x00000801\)/,
    );
  });

  it('rejects truncated and oversized files', () => {
    const full = idx([2, 2], [1, 2, 3, 4]);
    expect(() => parseIdx(full.subarray(0, full.length - 1), 'x')).toThrow(/need 16 bytes.*15/);
    expect(() => parseIdx(new Uint8Array([...full, 9]), 'x')).toThrow(/file has 17/);
    expect(() => parseIdx(new Uint8Array([0, 0]), 'x')).toThrow(/too short/);
  });

  it('checkLabels rejects out-of-range labels', () => {
    expect(() => checkLabels(new Uint8Array([0, 9, 2]), 10, 'l')).not.toThrow();
    expect(() => checkLabels(new Uint8Array([0, 10]), 10, 'l')).toThrow(/label 10 at index 1/);
  });
});

describe('PRNG copies', () => {
  it('match src/domain/random.ts exactly', () => {
    const a = mulberry32(123);
    const b = domain.makeRng(123);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
    expect(deriveSeed(7, 'class-3')).toBe(domain.deriveSeed(7, 'class-3'));
    expect(permutation(50, mulberry32(9))).toEqual(domain.permutation(50, domain.makeRng(9)));
  });
});

describe('stratifiedSplit', () => {
  const sizes = [12, 10, 11];
  const options = { train: 6, test: 3, seed: 5 };

  it('gives each class disjoint train/test/dropped sets covering all its images', () => {
    const split = stratifiedSplit(sizes, options);
    split.forEach((s, c) => {
      expect(s.train.length).toBe(6);
      expect(s.test.length).toBe(3);
      expect(s.dropped.length).toBe(sizes[c]! - 9);
      const all = [...s.train, ...s.test, ...s.dropped].sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: sizes[c]! }, (_, i) => i));
    });
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const a = stratifiedSplit(sizes, options);
    expect(stratifiedSplit(sizes, options)).toEqual(a);
    const b = stratifiedSplit(sizes, { ...options, seed: 6 });
    expect(b.map((s) => Array.from(s.train))).not.toEqual(a.map((s) => Array.from(s.train)));
  });

  it('refuses a class too small for its quota', () => {
    expect(() => stratifiedSplit([9, 8], options)).toThrow(
      /class 1 has 8 images, needs at least 9/,
    );
  });
});

describe('assembleSplit', () => {
  // Pixel 0 holds the class, pixel 1 the within-class index, so every row is traceable.
  const pixels = 2;
  const classImages = [0, 1, 2].map((c) =>
    Uint8Array.from({ length: 8 * pixels }, (_, k) => (k % 2 === 0 ? c : k >> 1)),
  );
  const picks = [Int32Array.of(0, 3, 5), Int32Array.of(1, 2, 7), Int32Array.of(4, 6, 0)];

  it('copies exactly the picked rows with matching labels', () => {
    const { images, labels } = assembleSplit(classImages, picks, 11, pixels);
    expect(labels.length).toBe(9);
    const rows = Array.from(labels, (label, j) => {
      expect(images[j * pixels]).toBe(label);
      return `${label}:${images[j * pixels + 1]}`;
    });
    expect(rows.sort()).toEqual(['0:0', '0:3', '0:5', '1:1', '1:2', '1:7', '2:0', '2:4', '2:6']);
  });

  it('interleaves classes deterministically for a seed', () => {
    const a = assembleSplit(classImages, picks, 11, pixels);
    expect(assembleSplit(classImages, picks, 11, pixels)).toEqual(a);
    expect(Array.from(a.labels)).not.toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(assembleSplit(classImages, picks, 12, pixels).labels).not.toEqual(a.labels);
  });
});

describe('packClassRows', () => {
  it('packs rows, skipping and reporting empty records', () => {
    const packed = packClassRows({ data: [[1, 2], [], [3, 4], []] }, 2, 'c');
    expect(packed.count).toBe(2);
    expect(Array.from(packed.images)).toEqual([1, 2, 3, 4]);
    expect(Array.from(packed.sourceIndex)).toEqual([0, 2]);
    expect(packed.empty).toEqual([1, 3]);
  });

  it('rejects malformed files, rows and values', () => {
    expect(() => packClassRows({ rows: [] }, 2, 'c')).toThrow(/c: expected \{"data"/);
    expect(() => packClassRows({ data: [[1, 2, 3]] }, 2, 'c')).toThrow(/row 0 has 3 values/);
    expect(() => packClassRows({ data: [[1, 256]] }, 2, 'c')).toThrow(/row 0 value 1 is 256/);
    expect(() => packClassRows({ data: [[1, 0.5]] }, 2, 'c')).toThrow(/value 1 is 0.5/);
  });
});
