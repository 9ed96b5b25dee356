import * as tf from '@tensorflow/tfjs';
import type { Batch, ModelSpec, ModelState, Params } from '../../types';
import { applyBatched, batchedElementsPerSample } from './forward';

/** Eval-mode metrics of K weight sets, on the backend (caller disposes, reads back when it likes). */
export interface BatchedEvalResult {
  /** [K] mean softmax cross-entropy of each point over all N samples. */
  loss: tf.Tensor1D;
  /** [K] fraction of correct argmax predictions of each point. */
  accuracy: tf.Tensor1D;
}

/**
 * Loss and accuracy of K stacked weight sets (see {@link applyBatched}); synchronous, no readback,
 * `stacked` borrowed. The batched twin of the landscape's `EvalFn`.
 */
export type BatchedEvalFn = (stacked: Params) => BatchedEvalResult;

/** One batched evaluation per split, all for the same K. */
export interface BatchedEvalFns {
  /** Points per forward pass: every stacked map handed to `train`/`test` has leading axis K. */
  k: number;
  train: BatchedEvalFn;
  test: BatchedEvalFn;
}

/** The fixed evaluation sets (x [N, H, W, C] float32, y [N] int32), borrowed. */
export interface EvalSets {
  train: Batch;
  test: Batch;
}

export interface BatchedEvalOptions {
  /**
   * Upper bound on the floats of the largest single intermediate of one forward pass (default
   * 2²⁵ = 128 MiB of float32); the samples are chunked to stay under it.
   */
  maxElements?: number;
}

/** Default bound on one intermediate: 128 MiB of float32, comfortable on GPUs and in a worker. */
const MAX_ELEMENTS = 2 ** 25;

/**
 * Samples per forward pass: as many as the memory bound allows, then evened out over the passes
 * (e.g. 128 samples with room for 100 → 2 × 64) so that there is usually a single input shape.
 */
export function batchedChunkSize(
  spec: ModelSpec,
  k: number,
  n: number,
  maxElements = MAX_ELEMENTS,
) {
  const room = Math.max(1, Math.floor(maxElements / batchedElementsPerSample(spec, k)));
  const passes = Math.ceil(n / Math.min(room, n));
  return Math.ceil(n / passes);
}

/** Summed per-sample losses [K] and correct counts [K] of one chunk (same math as loss.ts). */
function chunkSums(logits: tf.Tensor3D, y: tf.Tensor1D): [tf.Tensor1D, tf.Tensor1D] {
  const classes = logits.shape[2];
  const onehot = tf.oneHot(tf.cast(y, 'int32'), classes); // [n, classes], broadcast over K
  const perExample = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), onehot), 2)); // [K, n]
  const hits = tf.cast(tf.equal(tf.argMax(logits, 2), tf.cast(y, 'int32')), 'float32');
  return [tf.sum(perExample, 1) as tf.Tensor1D, tf.sum(hits, 1) as tf.Tensor1D];
}

/**
 * Eval-mode loss and accuracy of K weight sets over a whole set, in sample chunks whose size
 * bounds memory (at most two input shapes, as `evaluate`). Each point's values are the exact
 * per-sample means, equal to `evaluate` at that point up to float32 rounding.
 *
 * @param stacked - K weight sets, `name` → [K, ...shape] (e.g. from `stackOffsets`); borrowed.
 * @param state - BatchNorm statistics, [C] shared or [K, C] per point; borrowed.
 * @param x - [N, H, W, C] float32; @param y - [N] int32 labels.
 * @param chunk - samples per forward pass (default: {@link batchedChunkSize}).
 * @returns loss [K] and accuracy [K] (new tensors, caller disposes); nothing is read back.
 */
export function evaluateBatched(
  spec: ModelSpec,
  stacked: Params,
  state: ModelState,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  k: number,
  chunk = batchedChunkSize(spec, k, x.shape[0]),
): BatchedEvalResult {
  const n = x.shape[0];
  if (n === 0) throw new Error('evaluateBatched: empty set');
  if (y.shape[0] !== n) throw new Error(`evaluateBatched: ${n} inputs but ${y.shape[0]} labels`);
  const size = Math.max(1, Math.min(chunk, n));
  return tf.tidy(() => {
    const lossSums: tf.Tensor1D[] = [];
    const hitSums: tf.Tensor1D[] = [];
    for (let start = 0; start < n; start += size) {
      const len = Math.min(size, n - start);
      // One tidy per chunk frees its activations before the next chunk allocates its own.
      const [l, h] = tf.tidy(() => {
        const xs = len === n ? x : tf.slice(x, [start, 0, 0, 0], [len, -1, -1, -1]);
        const ys = len === n ? y : tf.slice(y, [start], [len]);
        return chunkSums(applyBatched(spec, stacked, state, xs, k), ys);
      });
      lossSums.push(l);
      hitSums.push(h);
    }
    const total = (parts: tf.Tensor1D[]) => (parts.length === 1 ? parts[0]! : tf.addN(parts));
    return {
      loss: tf.div(total(lossSums), n) as tf.Tensor1D,
      accuracy: tf.div(total(hitSums), n) as tf.Tensor1D,
    };
  });
}

/**
 * The batched evaluation functions of a model on fixed evaluation sets: the counterpart of the
 * app's `EvalFns` (`evaluate(spec, p, state, x, y)` per split) for K points per forward pass.
 *
 * @param spec, state - the model; `state` ([C] per BatchNorm statistic) is borrowed, not copied.
 * @param sets - the evaluation sets; borrowed, must outlive the returned functions.
 * @param k - points per forward pass (a grid row of 21 points: 21, or a divisor-ish like 7).
 */
export function makeBatchedEvalFns(
  spec: ModelSpec,
  state: ModelState,
  sets: EvalSets,
  k: number,
  opts: BatchedEvalOptions = {},
): BatchedEvalFns {
  if (!Number.isInteger(k) || k < 1) throw new Error(`makeBatchedEvalFns: bad K ${k}`);
  const fn =
    (set: Batch): BatchedEvalFn =>
    (stacked) => {
      const chunk = batchedChunkSize(spec, k, set.x.shape[0], opts.maxElements);
      return evaluateBatched(spec, stacked, state, set.x, set.y, k, chunk);
    };
  return { k, train: fn(sets.train), test: fn(sets.test) };
}
