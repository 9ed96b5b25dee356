import { describe, expect, it } from 'vitest';
import {
  H5SurfaceError,
  readH5Surface,
  surfaceFromGrid,
  writeH5Surface,
  type ImportedSurface,
  type Surface2D,
} from './index';

// Written by scripts/make-h5-fixtures.mjs in Li et al.'s layout (not by writeH5Surface). The
// app's TypeScript config has no Node types, hence Node's fs through getBuiltinModule.
type NodeFs = { readFileSync(path: URL): Uint8Array };
const nodeProcess = (
  globalThis as unknown as { process: { getBuiltinModule(id: string): unknown } }
).process;
const { readFileSync } = nodeProcess.getBuiltinModule('node:fs') as NodeFs;

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures-h5/${name}`, import.meta.url)));

/** The fixtures' asymmetric surface: a transposed or mirrored import cannot match it. */
const trainLoss = (x: number, y: number) => 1 + x + 10 * y * y;
const trainAcc = (x: number, y: number) => (100 - 10 * Math.abs(x) - 20 * y * y) / 100;

async function readError(bytes: Uint8Array): Promise<H5SurfaceError> {
  const error: unknown = await readH5Surface(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(H5SurfaceError);
  return error as H5SurfaceError;
}

describe('readH5Surface on files in Li et al.’s layout', () => {
  it('puts row i of a 2D surface at y[i], column j at x[j]', async () => {
    const surface = await readH5Surface(fixture('surface_2d.h5'));
    expect(surface.kind).toBe('2d');
    if (surface.kind !== '2d') return;
    expect(surface.x).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(surface.y).toEqual([-0.5, 0, 0.5]);
    const rows = surface.values.trainLoss!;
    // Flatland's orientation: len(y) rows of len(x) values, although the file declares 5 × 3.
    expect(rows).toHaveLength(3);
    surface.y.forEach((y, i) =>
      surface.x.forEach((x, j) => {
        expect(rows[i]![j]).toBeCloseTo(trainLoss(x, y), 12);
        expect(surface.values.trainAcc![i]![j]).toBeCloseTo(trainAcc(x, y), 12);
        expect(surface.values.testLoss![i]![j]).toBeCloseTo(2 * trainLoss(x, y), 12);
      }),
    );
    // Along a row only x changes (loss rises with x); down a column y² dominates.
    expect(rows[1]).toEqual([0, 0.5, 1, 1.5, 2]);
  });

  it('reads a 1D slice with only some metrics, accuracies as fractions', async () => {
    const surface = await readH5Surface(fixture('surface_1d.h5'));
    expect(surface.kind).toBe('1d');
    expect(Object.keys(surface.values)).toEqual(['trainLoss', 'trainAcc']);
    expect(surface.values.trainLoss).toEqual([0, 0.5, 1, 1.5, 2]);
    const acc = surface.values.trainAcc as number[];
    acc.forEach((a, j) => expect(a).toBeCloseTo(trainAcc(surface.x[j]!, 0), 6));
  });

  it.each([
    ['surface_2d_interrupted.h5', /6 of 15 points were never computed/],
    ['surface_2d_wrong_shape.h5', /'train_loss' has shape 4 × 4, expected 5 × 3/],
    ['surface_no_x.h5', /missing dataset 'xcoordinates'/],
    ['surface_text_loss.h5', /'train_loss' is not numeric/],
  ])('rejects %s with a clear error', async (name, message) => {
    expect((await readError(fixture(name))).message).toMatch(message);
  });

  it('rejects truncated, corrupt and foreign bytes without crashing', async () => {
    const good = fixture('surface_2d.h5');
    const truncated = await readError(good.slice(0, 1000));
    expect(truncated.message).toMatch(/truncated or corrupt/);
    expect((await readError(good.slice(0, good.length - 200))).message).toMatch(/HDF5/);
    expect((await readError(new Uint8Array(0))).message).toMatch(/not an HDF5 file/);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await readError(png)).message).toMatch(/not an HDF5 file/);
    // Zeroed metadata after a valid signature.
    const zeroed = good.slice();
    zeroed.fill(0, 8, 2000);
    await readError(zeroed);
    // A good file still reads afterwards: nothing was left behind.
    expect((await readH5Surface(good)).kind).toBe('2d');
  });
});

describe('writeH5Surface', () => {
  const grid: Surface2D = {
    kind: '2d',
    x: [-1, 0, 1, 2],
    y: [-0.5, 0.5],
    values: {
      trainLoss: [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ],
      testAcc: [
        [0.1, 0.2, 0.3, 0.4],
        [0.5, 0.6, 0.7, 0.8],
      ],
    },
  };

  it('round-trips 2D and 1D surfaces', async () => {
    const back = await readH5Surface(await writeH5Surface(grid));
    expect(back.kind).toBe('2d');
    expect(back).toMatchObject({ x: grid.x, y: grid.y });
    expect(back.values.trainLoss).toEqual(grid.values.trainLoss);
    back.values.testAcc!.flat().forEach((v, k) => expect(v).toBeCloseTo(0.1 * (k + 1), 12));
    const slice: ImportedSurface = { kind: '1d', x: [0, 1], values: { testLoss: [3, 4] } };
    expect(await readH5Surface(await writeH5Surface(slice))).toEqual(slice);
  });

  it('writes the fixture layout: re-reading the fixture and writing it again gives equal values', async () => {
    const original = await readH5Surface(fixture('surface_2d.h5'));
    const again = await readH5Surface(await writeH5Surface(original));
    expect(again.values.trainLoss).toEqual(original.values.trainLoss);
  });

  it('exports a Flatland grid with the same orientation', async () => {
    const surface = surfaceFromGrid({
      a: [-1, 0, 1],
      b: [-1, 1],
      trainLoss: [
        [1, 2, 3],
        [4, 5, 6],
      ],
      testLoss: [
        [1, 2, 3],
        [4, 5, 6],
      ],
      trainAcc: [
        [0, 0, 0],
        [1, 1, 1],
      ],
      testAcc: [
        [0, 0, 0],
        [1, 1, 1],
      ],
      elapsedMs: 1,
    });
    const back = await readH5Surface(await writeH5Surface(surface));
    expect(back).toEqual(surface);
  });

  it('refuses incomplete or inconsistent surfaces', async () => {
    const bad: [ImportedSurface, RegExp][] = [
      [{ kind: '1d', x: [0, 1], values: {} }, /no surface values/],
      [{ kind: '1d', x: [], values: { trainLoss: [] } }, /'xcoordinates' is empty/],
      [{ kind: '1d', x: [0, Number.NaN], values: { trainLoss: [1, 2] } }, /not finite/],
      [{ kind: '1d', x: [0, 1], values: { trainLoss: [1] } }, /1 values for 2 x-coordinates/],
      [{ ...grid, y: [0] }, /not a 1 × 4 grid/],
    ];
    for (const [surface, message] of bad) {
      await expect(writeH5Surface(surface)).rejects.toThrow(message);
    }
  });
});
