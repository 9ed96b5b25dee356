/**
 * TensorFlow Playground's classification problems (tensorflow/playground, src/dataset.ts),
 * generated from a seed: two spirals, circles, XOR and Gaussian blobs, with its noise level
 * (0 to 0.5) and its coordinates (the plane about [−6, 6]²). Playground's labels −1/+1 are
 * classes 0/1 here. All train + test points are drawn from one distribution, shuffled with the
 * seed and split, as Playground splits its points by the training ratio.
 */
import { deriveSeed, makeRng, permutation, type Rng } from '../domain/random';
import {
  DATASET_LABELS,
  datasetClasses,
  type ToyDatasetId,
  type ToySettings,
} from '../domain/toy-data';
import type { Dataset, DatasetSplit } from './load';

/** Points as generated: coordinates and class, in generation order. */
interface Points {
  x: Float64Array;
  y: Float64Array;
  label: Uint8Array;
}

type Generator = (n: number, noise: number, rng: Rng, classes: number) => Points;

const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng();

/** A normal sample (Marsaglia's polar method, as Playground's `normalRandom`). */
function normal(rng: Rng, mean: number, variance: number): number {
  let v1: number;
  let s: number;
  do {
    v1 = 2 * rng() - 1;
    const v2 = 2 * rng() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1 || s === 0);
  return mean + Math.sqrt(variance) * Math.sqrt((-2 * Math.log(s)) / s) * v1;
}

function points(n: number, fill: (i: number, p: Points) => void): Points {
  const p = { x: new Float64Array(n), y: new Float64Array(n), label: new Uint8Array(n) };
  for (let i = 0; i < n; i++) fill(i, p);
  return p;
}

/** Class c (0, 1) winds from the centre out to radius 5 over 1.75 turns, the other half a turn on. */
const spirals: Generator = (n, noise, rng) => {
  const half = Math.ceil(n / 2);
  return points(n, (i, p) => {
    const c = i < half ? 0 : 1;
    const m = c === 0 ? half : n - half;
    const k = c === 0 ? i : i - half;
    const r = (k / m) * 5;
    const t = ((1.75 * k) / m) * 2 * Math.PI + c * Math.PI;
    p.x[i] = r * Math.sin(t) + uniform(rng, -1, 1) * noise;
    p.y[i] = r * Math.cos(t) + uniform(rng, -1, 1) * noise;
    p.label[i] = c;
  });
};

/**
 * Half the points inside radius 2.5, half in the ring 3.5 to 5; the class is whether the point
 * moved by noise (up to ±5·noise per axis) lies inside radius 2.5 (class 1, Playground's +1).
 */
const circles: Generator = (n, noise, rng) => {
  const half = Math.ceil(n / 2);
  return points(n, (i, p) => {
    const r = i < half ? uniform(rng, 0, 2.5) : uniform(rng, 3.5, 5);
    const angle = uniform(rng, 0, 2 * Math.PI);
    p.x[i] = r * Math.sin(angle);
    p.y[i] = r * Math.cos(angle);
    const nx = p.x[i]! + uniform(rng, -5, 5) * noise;
    const ny = p.y[i]! + uniform(rng, -5, 5) * noise;
    p.label[i] = Math.hypot(nx, ny) < 2.5 ? 1 : 0;
  });
};

/** Uniform on [−5, 5]² pushed 0.3 off the axes; class 1 where the noisy x·y ≥ 0. */
const xor: Generator = (n, noise, rng) => {
  const coord = () => {
    const v = uniform(rng, -5, 5);
    return v + (v > 0 ? 0.3 : -0.3);
  };
  return points(n, (i, p) => {
    p.x[i] = coord();
    p.y[i] = coord();
    const nx = p.x[i]! + uniform(rng, -5, 5) * noise;
    const ny = p.y[i]! + uniform(rng, -5, 5) * noise;
    p.label[i] = nx * ny >= 0 ? 1 : 0;
  });
};

/**
 * k Gaussians with centres on the circle of radius 2√2 (for k = 2 Playground's (2, 2) and
 * (−2, −2)), variance 0.5 + 7·noise (Playground's linear map of noise [0, 0.5] to [0.5, 4]).
 */
const blobs: Generator = (n, noise, rng, k) => {
  const variance = 0.5 + 7 * noise;
  return points(n, (i, p) => {
    const c = Math.floor((i * k) / n);
    const angle = Math.PI / 4 + (2 * Math.PI * c) / k;
    p.x[i] = normal(rng, 2 * Math.SQRT2 * Math.cos(angle), variance);
    p.y[i] = normal(rng, 2 * Math.SQRT2 * Math.sin(angle), variance);
    p.label[i] = c;
  });
};

const GENERATORS: Record<ToyDatasetId, Generator> = { spirals, circles, xor, blobs };

function split(all: Points, order: Int32Array): DatasetSplit {
  const images = new Float32Array(order.length * 2);
  const labels = new Uint8Array(order.length);
  order.forEach((i, k) => {
    images[2 * k] = all.x[i]!;
    images[2 * k + 1] = all.y[i]!;
    labels[k] = all.label[i]!;
  });
  return { images, labels, count: order.length };
}

/** Generates a toy dataset: the same settings give the same points, bit for bit. */
export function generateToy(id: ToyDatasetId, settings: ToySettings): Dataset {
  const { trainSize, testSize, noise, seed } = settings;
  const classes = datasetClasses({ dataset: id, toy: settings });
  const n = trainSize + testSize;
  const all = GENERATORS[id](n, noise, makeRng(deriveSeed(seed, `toy/${id}`)), classes);
  const order = permutation(n, makeRng(deriveSeed(seed, 'toy/split')));
  return {
    id,
    name: DATASET_LABELS[id],
    classes: Array.from({ length: classes }, (_, c) => `class ${c}`),
    imageShape: [1, 1, 2],
    train: split(all, order.subarray(0, trainSize)),
    test: split(all, order.subarray(trainSize)),
  };
}
