/**
 * The decision boundary of a model trained on toy 2-D data: its predicted class (and that
 * class's softmax probability) on a grid over the input plane, at w + t·d along the slice
 * direction the perturbation slider moves on. One forward pass over the grid, one readback.
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetSplit } from '../data/load';
import { disposeParams, offsetParams } from '../engine/landscape/combine';
import { apply } from '../engine/model/apply';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import { isToyDataset, type DecisionBoundary } from '../domain/toy-data';
import type { WeightsTarget } from './runs';

/** Grid points per axis: 60 × 60 = 3,600 points is one small batch for a 2-D MLP. */
export const BOUNDARY_SIZE = 60;

/**
 * `size` ascending coordinates per axis of a square centred at 0 that holds every training point
 * with a 10 % margin (Playground's problems lie within about ±6).
 */
export function boundaryAxis(train: DatasetSplit, size: number): number[] {
  let extent = 0;
  for (const v of train.images) extent = Math.max(extent, Math.abs(v));
  const half = Math.ceil(extent * 1.1 * 2) / 2 || 1;
  return Array.from({ length: size }, (_, i) => -half + (2 * half * i) / Math.max(size - 1, 1));
}

/** The grid's points as a batch [size², 1, 1, 2], row j (y = axis[j]) after row j − 1. */
export function gridBatch(axis: number[]): tf.Tensor4D {
  const n = axis.length;
  const xy = new Float32Array(n * n * 2);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      xy[2 * (j * n + i)] = axis[i]!;
      xy[2 * (j * n + i) + 1] = axis[j]!;
    }
  }
  return tf.tensor4d(xy, [n * n, 1, 1, 2], 'float32');
}

/**
 * Predicted class and its softmax probability at every row of `x`, for weights
 * w + Σ cᵢ·dᵢ (eval mode, the stored BatchNorm statistics). Borrows w, the directions and x.
 *
 * @param x - inputs [N, 1, 1, 2]; returns two arrays of length N.
 */
export async function predictAt(
  spec: ModelSpec,
  params: Params,
  state: ModelState,
  dirs: Params[],
  coeffs: number[],
  x: tf.Tensor4D,
): Promise<{ predicted: number[]; confidence: number[] }> {
  const p = offsetParams(params, dirs, coeffs);
  let packed: tf.Tensor | null = null;
  try {
    packed = tf.tidy(() => {
      const probs = tf.softmax(apply(spec, p, state, x, 'eval').logits);
      return tf.stack([tf.cast(tf.argMax(probs, 1), 'float32'), tf.max(probs, 1)]);
    });
    const v = await packed.data();
    const n = x.shape[0];
    return {
      predicted: Array.from(v.subarray(0, n), Math.round),
      confidence: Array.from(v.subarray(n, 2 * n)),
    };
  } finally {
    disposeParams(p);
    packed?.dispose();
  }
}

/** Share of `predicted` in each of `classes` classes. */
export function classShares(predicted: number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const c of predicted) counts[c]!++;
  return counts.map((k) => k / Math.max(predicted.length, 1));
}

/**
 * The boundary of the explored weights at w + t·d (`dir` is the slice's direction d; t = 0 needs
 * none), with the training points as trained on (the run's subset and its labels).
 */
export async function decisionBoundaryOf(
  target: WeightsTarget,
  dir: Params | null,
  t: number,
  size: number,
): Promise<DecisionBoundary> {
  const { model, dataset, params, state } = target;
  if (!isToyDataset(dataset.id)) {
    throw new Error('The decision boundary is drawn for the toy 2-D datasets only.');
  }
  if (t !== 0 && !dir) throw new Error('Compute the 1D slice before moving along it.');
  const axis = boundaryAxis(dataset.train, size);
  const x = gridBatch(axis);
  try {
    const dirs = t !== 0 && dir ? [dir] : [];
    const { predicted, confidence } = await predictAt(
      model.spec,
      params,
      state,
      dirs,
      dirs.map(() => t),
      x,
    );
    const classes = dataset.classes.length;
    const pts = Array.from(model.subset);
    const xy = dataset.train.images;
    return {
      t,
      xs: axis,
      ys: axis,
      predicted,
      confidence,
      classes,
      shares: classShares(predicted, classes),
      points: {
        x: pts.map((i) => xy[2 * i]!),
        y: pts.map((i) => xy[2 * i + 1]!),
        label: [...model.labels],
      },
    };
  } finally {
    x.dispose();
  }
}
