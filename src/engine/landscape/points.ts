import * as tf from '@tensorflow/tfjs';
import { CancelledError } from '../../domain/cancel';
import type { Progress } from '../../domain/api-results';
import type { Params } from '../types';
import { disposeParams, offsetParams } from './combine';

/**
 * Loss and accuracy of the model at the given weights, on a fixed evaluation set.
 * Must be synchronous and must not read back (the landscape code batches readbacks) nor keep,
 * modify or dispose `params` (the landscape code owns and disposes them). The app builds one from
 * `evaluate(spec, params, state, x, y)` on a fixed, seeded subset, closing over spec/state/data.
 */
export type EvalFn = (params: Params) => { loss: tf.Scalar; accuracy: tf.Scalar };

/** One evaluation function per split. */
export interface EvalFns {
  train: EvalFn;
  test: EvalFn;
}

// Progress of a long evaluation (`done` of `total`) is the domain's type, sent to the UI as is;
// the slices' sample positions are the domain's too (the UI reads them back without the engine).
export type { Progress };
export { linspace } from '../../domain/slice';

/** Progress and cancellation for the long evaluations (slices, grids, interpolations). */
export interface RunOptions {
  /** Called after each readback (each grid row, each slice chunk). */
  onProgress?: (p: Progress) => void;
  /** Polled between rows/chunks; true stops the run with a {@link CancelledError}. */
  isCancelled?: () => boolean;
  /**
   * Interactive work first: at most `points` points per readback, and `between` awaited after
   * each readback instead of a bare event-loop yield, so a slider's probe waits for at most that
   * many points. Worth it where kernels run synchronously (cpu, wasm): there a 21-point grid row
   * blocks the worker for a second or more.
   */
  interleave?: Interleave;
  /** Same as `isCancelled`, for callers holding an AbortController. */
  signal?: AbortSignal;
}

export interface Interleave {
  /** Points per readback (≥ 1). */
  points: number;
  /** Lets other work in (at least one event-loop turn); resolves when the run may go on. */
  between: () => Promise<void>;
}

/** After one readback of a long evaluation: `interleave.between`, else a bare yield. */
export function afterReadback(opts: RunOptions): Promise<void> {
  return opts.interleave ? opts.interleave.between() : yieldToEventLoop();
}

/** Throws {@link CancelledError} when the options say the run was cancelled. */
export function throwIfCancelled(opts: RunOptions): void {
  if (opts.isCancelled?.() || opts.signal?.aborted) throw new CancelledError();
}

/**
 * Lets queued messages (a "stop" from the UI) run between rows: awaiting a CPU tensor's data()
 * only yields to the microtask queue, which never lets a worker's onmessage through.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Per-point values of a batch of points, in point order. */
export interface PointValues {
  trainLoss: number[];
  trainAcc: number[];
  testLoss: number[];
  testAcc: number[];
}

/**
 * Evaluates train and test at one set of weights, freeing everything but the result.
 *
 * @returns a vector [4]: train loss, train accuracy, test loss, test accuracy.
 */
function evalBoth(params: Params, evalFns: EvalFns): tf.Tensor1D {
  return tf.tidy(() => {
    const tr = evalFns.train(params);
    const te = evalFns.test(params);
    return tf.stack([tr.loss, tr.accuracy, te.loss, te.accuracy]) as tf.Tensor1D;
  });
}

/**
 * Evaluates `n` points with ONE readback: the per-point [4] vectors are stacked into [n, 4] and
 * read with a single `await data()`, so a GPU pipeline stalls once per batch instead of once per
 * point. Each point's weights and activations are freed as soon as its [4] vector exists, so
 * memory stays at one point's worth plus n·4 floats.
 *
 * @param build - makes the weights of point i (new tensors; disposed here).
 */
export async function evaluateBatch(
  n: number,
  build: (i: number) => Params,
  evalFns: EvalFns,
): Promise<PointValues> {
  const stacked = tf.tidy(() => {
    const rows: tf.Tensor1D[] = [];
    for (let i = 0; i < n; i++) {
      const p = build(i);
      try {
        rows.push(evalBoth(p, evalFns));
      } finally {
        disposeParams(p);
      }
    }
    return tf.stack(rows); // [n, 4]
  });
  let v: Float32Array | Int32Array | Uint8Array;
  try {
    v = await stacked.data();
  } finally {
    stacked.dispose();
  }
  const col = (j: number) => Array.from({ length: n }, (_, i) => v[i * 4 + j]!);
  return { trainLoss: col(0), trainAcc: col(1), testLoss: col(2), testAcc: col(3) };
}

/** Loss and accuracy at one point. */
export interface LossAcc {
  loss: number;
  accuracy: number;
}

/**
 * Loss and accuracy at w + Σᵢ cᵢ·dᵢ on one split (one readback).
 *
 * @param params - weights w (any shapes); @param dirs - directions shaped like `params`.
 * @param coeffs - one coefficient per direction.
 */
export async function lossAt(
  params: Params,
  dirs: Params[],
  coeffs: number[],
  evalFn: EvalFn,
): Promise<LossAcc> {
  const r = await evaluateBatch(1, () => offsetParams(params, dirs, coeffs), {
    train: evalFn,
    // Only one split is wanted: a constant in the test slot avoids a second evaluation.
    test: () => ({ loss: tf.scalar(0), accuracy: tf.scalar(0) }),
  });
  return { loss: r.trainLoss[0]!, accuracy: r.trainAcc[0]! };
}

/** Train and test loss/accuracy at one point. */
export interface PointResult {
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
}

/**
 * Train and test loss/accuracy at w + Σᵢ cᵢ·dᵢ with one readback (the "perturbation t" slider).
 *
 * @param params - weights w; @param dirs - directions shaped like `params`.
 */
export async function pointAt(
  params: Params,
  dirs: Params[],
  coeffs: number[],
  evalFns: EvalFns,
): Promise<PointResult> {
  const r = await evaluateBatch(1, () => offsetParams(params, dirs, coeffs), evalFns);
  return {
    trainLoss: r.trainLoss[0]!,
    trainAcc: r.trainAcc[0]!,
    testLoss: r.testLoss[0]!,
    testAcc: r.testAcc[0]!,
  };
}
