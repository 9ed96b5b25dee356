/**
 * The perturbation sliders' evaluation: loss and accuracy at w + Σ cᵢ·dᵢ plus the predicted class
 * of a fixed strip of test images, read back together so each slider position costs one readback.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/load';
import { disposeParams, offsetParams } from '../engine/landscape/combine';
import { yieldToEventLoop, type EvalFns } from '../engine/landscape/points';
import { apply } from '../engine/model/apply';
import { stateShapes } from '../engine/model/params';
import { recomputeBatchNorm } from '../engine/optim/bn-recompute';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type { ProbeImages } from '../domain/api';
import { buildSet, type TensorSet } from './tensor-sets';

/** Images in the strip: enough to see predictions flip, few enough to read at a glance. */
export const STRIP_SIZE = 16;

/** The strip shows the first test images of the dataset: the same ones for every run and seed. */
export function stripIndices(testCount: number): number[] {
  return Array.from({ length: Math.min(STRIP_SIZE, testCount) }, (_, i) => i);
}

export function stripSet(dataset: Dataset): TensorSet {
  return buildSet(dataset.test, stripIndices(dataset.test.count));
}

/**
 * The strip's pixels and labels for display (raw bytes, as stored in the dataset). Toy points are
 * no images: their strip is empty (the decision boundary shows their predictions).
 */
export function stripImages(dataset: Dataset): ProbeImages {
  const { images } = dataset.test;
  const idx = images instanceof Uint8Array ? stripIndices(dataset.test.count) : [];
  const pixels: number[] = [];
  for (const i of idx) pixels.push(...images.subarray(i * 784, (i + 1) * 784));
  return {
    dataset: dataset.id,
    count: idx.length,
    pixels,
    labels: idx.map((i) => dataset.test.labels[i]!),
    classes: [...dataset.classes],
  };
}

/** Predicted classes [S] int32 of the strip at weights p (caller disposes; borrows p). */
export type PredictFn = (p: Params) => tf.Tensor1D;

/**
 * Predictions with the same BatchNorm rule as the readouts: the stored statistics, or statistics
 * recomputed at p over the training sample.
 */
export function predictFnFor(
  spec: ModelSpec,
  state: ModelState,
  strip: TensorSet,
  trainX: tf.Tensor4D,
  recompute: boolean,
): PredictFn {
  const bn = recompute && stateShapes(spec).length > 0;
  return (p) =>
    tf.tidy(() => {
      const s = bn ? recomputeBatchNorm(spec, p, [trainX]) : state;
      return tf.argMax(apply(spec, p, s, strip.x, 'eval').logits, 1) as tf.Tensor1D;
    });
}

export interface ProbeResult {
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  /** Predicted class of each strip image, in strip order. */
  predicted: number[];
}

/** Thrown at a checkpoint of a probe that a newer probe of the same slider has superseded. */
export class SupersededError extends Error {
  constructor() {
    super('Probe superseded by a newer position');
    this.name = 'SupersededError';
  }
}

/**
 * Lets a newer request in (the worker's messages run only between tasks, and CPU kernels run
 * synchronously), then gives up if it superseded this probe.
 */
async function checkpoint(isStale: () => boolean): Promise<void> {
  await yieldToEventLoop();
  if (isStale()) throw new SupersededError();
}

/**
 * Train/test loss and accuracy at w + Σᵢ cᵢ·dᵢ and the strip's predictions, with one readback.
 * Builds the point as new tensors and frees them: w and the directions are only read, and only
 * before the first await. The three passes (train, test, strip) are separated by checkpoints, so
 * that on release of a slider the newer position does not wait for a stale probe to finish:
 * `isStale` true at a checkpoint ends this one with a {@link SupersededError}. Everything the
 * passes read besides the point (`fns`, `predict`) must stay alive across the checkpoints.
 *
 * @param params - weights w; @param dirs - directions shaped like `params`; one coefficient each.
 */
export async function probePoint(
  params: Params,
  dirs: Params[],
  coeffs: number[],
  fns: EvalFns,
  predict: PredictFn,
  isStale: () => boolean = () => false,
): Promise<ProbeResult> {
  const p = offsetParams(params, dirs, coeffs);
  const parts: tf.Tensor[] = [];
  let v: Float32Array | Int32Array | Uint8Array;
  try {
    const pass = (f: () => tf.Tensor) => parts.push(tf.tidy(f));
    pass(() => metricsOf(fns.train(p)));
    await checkpoint(isStale);
    pass(() => metricsOf(fns.test(p)));
    await checkpoint(isStale);
    pass(() => tf.cast(predict(p), 'float32'));
    const packed = tf.concat(parts); // [4 + S]: one readback for all three
    parts.push(packed);
    v = await packed.data();
  } finally {
    disposeParams(p);
    tf.dispose(parts);
  }
  return {
    trainLoss: v[0]!,
    trainAcc: v[1]!,
    testLoss: v[2]!,
    testAcc: v[3]!,
    predicted: Array.from(v.subarray(4), Math.round),
  };
}

const metricsOf = (r: { loss: tf.Scalar; accuracy: tf.Scalar }) => tf.stack([r.loss, r.accuracy]);
