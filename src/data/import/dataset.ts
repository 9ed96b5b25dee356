/**
 * From parsed arrays to a dataset the app trains on: shapes, label range and finite values
 * checked, uint8 images scaled to [0, 1], a test split from the file or held out by a seed.
 * Pure: nothing is stored until a dataset has passed every check here.
 */
import { IMPORT_LIMITS } from '../../domain/imported-data';
import { deriveSeed, makeRng, permutation } from '../../domain/random';
import { ImportError } from './errors';
import type { NpyArray } from './npy';

/** The limits live in the domain, so that the panel states the numbers checked here. */
export { IMPORT_LIMITS };

/** Share of samples held out as the test split when the file has none. */
export const HELD_OUT = 0.2;

export interface ImportedSplit {
  /** count × H × W × C float32 values, sample by sample. */
  x: Float32Array;
  /** count class indices. */
  y: Uint8Array;
  count: number;
}

/** A dataset from a person's file, ready for the app. */
export interface ImportedDataset {
  name: string;
  /** One sample's shape; N × D arrays become [1, 1, D]. */
  input: [number, number, number];
  classes: number;
  train: ImportedSplit;
  test: ImportedSplit;
  /** Where the test split came from, for the panel, e.g. "held out 20% (seed 1)". */
  testFrom: string;
  /** Whether x was uint8 and is scaled by 1/255. */
  scaled: boolean;
}

/** The arrays of a dataset; the test pair is optional. */
export interface DatasetArrays {
  x: NpyArray;
  y: NpyArray;
  xTest?: NpyArray;
  yTest?: NpyArray;
}

/** [H, W, C] of one sample of x: N×D → [1, 1, D], N×H×W → [H, W, 1], N×H×W×C as is. */
function sampleShape(x: NpyArray, what: string): [number, number, number] {
  const [, a, b, c] = x.shape;
  if (x.shape.length === 2) return [1, 1, a!];
  if (x.shape.length === 3) return [a!, b!, 1];
  if (x.shape.length === 4) return [a!, b!, c!];
  throw new ImportError(
    `${what} has shape (${x.shape.join(', ')}): expected N×D, N×H×W or N×H×W×C`,
  );
}

function checkX(x: NpyArray, what: string): [number, number, number] {
  const shape = sampleShape(x, what);
  const features = shape[0] * shape[1] * shape[2];
  if (x.shape[0]! < 1 || features < 1) throw new ImportError(`${what} is empty`);
  if (features > IMPORT_LIMITS.features)
    throw new ImportError(
      `${what}: ${features} values per sample, at most ${IMPORT_LIMITS.features}`,
    );
  const bad = x.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new ImportError(`${what}: sample ${Math.floor(bad / features)} holds ${x.data[bad]}`);
  return shape;
}

function checkY(y: NpyArray, n: number, what: string): void {
  const flat = y.shape.length === 1 || (y.shape.length === 2 && y.shape[1] === 1);
  if (!flat) throw new ImportError(`${what} has shape (${y.shape.join(', ')}): expected N labels`);
  if (y.shape[0] !== n) throw new ImportError(`${what} has ${y.shape[0]} labels for ${n} samples`);
  const bad = y.data.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= IMPORT_LIMITS.classes);
  if (bad >= 0)
    throw new ImportError(
      `${what}: label ${bad} is ${y.data[bad]}, labels must be integers 0 … ${IMPORT_LIMITS.classes - 1}`,
    );
}

/** The samples `idx` of x (scaled when uint8) and y as one split. */
function split(x: NpyArray, y: NpyArray, idx: ArrayLike<number>, scale: number): ImportedSplit {
  const features = x.data.length / x.shape[0]!;
  const out = new Float32Array(idx.length * features);
  const labels = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const s = idx[i]!;
    for (let f = 0; f < features; f++) out[i * features + f] = x.data[s * features + f]! * scale;
    labels[i] = y.data[s]!;
  }
  return { x: out, y: labels, count: idx.length };
}

const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

function checkSizes(a: DatasetArrays, shape: [number, number, number]) {
  const n = a.x.shape[0]! + (a.xTest?.shape[0] ?? 0);
  if (n > IMPORT_LIMITS.samples)
    throw new ImportError(`${n} samples, at most ${IMPORT_LIMITS.samples.toLocaleString('en')}`);
  if (n * shape[0] * shape[1] * shape[2] > IMPORT_LIMITS.values)
    throw new ImportError(`the data holds over ${IMPORT_LIMITS.values / 1e6} M values (100 MB)`);
}

/** Checks the arrays and builds the dataset; throws {@link ImportError} naming what is wrong. */
export function assembleDataset(a: DatasetArrays, name: string, seed = 1): ImportedDataset {
  const input = checkX(a.x, 'x');
  const n = a.x.shape[0]!;
  checkY(a.y, n, 'y');
  if ((a.xTest === undefined) !== (a.yTest === undefined))
    throw new ImportError('x_test and y_test come together: one of them is missing');
  if (a.xTest && a.yTest) {
    const testShape = checkX(a.xTest, 'x_test');
    if (testShape.join() !== input.join())
      throw new ImportError(
        `x_test samples are ${testShape.join('×')}, x samples ${input.join('×')}`,
      );
    checkY(a.yTest, a.xTest.shape[0]!, 'y_test');
  }
  checkSizes(a, input);
  const seen = new Set([...a.y.data, ...(a.yTest?.data ?? [])]);
  if (seen.size < 2) throw new ImportError('the labels hold a single class');
  const classes = [...seen].reduce((m, v) => Math.max(m, v), 0) + 1;
  const scaled = a.x.dtype === 'u1';
  const scale = scaled ? 1 / 255 : 1;
  if (a.xTest && a.yTest) {
    const test = split(a.xTest, a.yTest, range(a.xTest.shape[0]!), scale);
    const train = split(a.x, a.y, range(n), scale);
    return { name, input, classes, train, test, testFrom: 'x_test, y_test of the file', scaled };
  }
  if (n < 5) throw new ImportError(`${n} samples: too few to hold out a test split`);
  const order = permutation(n, makeRng(deriveSeed(seed, 'import-split')));
  const held = Math.max(1, Math.round(HELD_OUT * n));
  const test = split(a.x, a.y, order.subarray(0, held), scale);
  const train = split(a.x, a.y, order.subarray(held), scale);
  const testFrom = `held out ${HELD_OUT * 100}% (seed ${seed})`;
  return { name, input, classes, train, test, testFrom, scaled };
}
