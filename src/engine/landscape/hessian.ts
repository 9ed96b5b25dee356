import * as tf from '@tensorflow/tfjs';
import type { TraceResult } from '../../domain/sharpness';
import type { HvpFn } from '../tangent/hvp';
import type { Params } from '../types';
import { deriveSeed } from '../../domain/random';
import { disposeParams, dotParams, getTensor, mapParams, unitParams } from './combine';
import { randomDirection } from './directions';
import { throwIfCancelled, yieldToEventLoop, type Progress, type RunOptions } from './points';

// The result types are the domain's (one copy for engine, worker and UI).
export type { TraceResult };

/**
 * Curvature of the loss at the weights: the top Hessian eigenvalue (power iteration) and the
 * trace (Hutchinson), both from Hessian-vector products.
 *
 * The products come from an {@link HvpFn}: the app's is exact (`tangent/hvp.ts`, forward-mode
 * tangents with reverse mode on top). Finite differences of gradients are not used: on ReLU and
 * max-pool networks their answer depends on the step (a 351-parameter CNN's trace: 76.6 / 83.5 /
 * 52.0 for steps 1e-2 / 1e-3 / 1e-4, exact 52.9); tests keep them only as a cross-check.
 */

export type { HvpFn, LossFn } from '../tangent/hvp';

/**
 * Power iteration and Hutchinson report progress after each Hessian-vector product's readback
 * and poll cancellation before each product (see {@link RunOptions}).
 */
export interface EigenOptions extends RunOptions {
  /** Power-iterate H − shift·I instead of H (used to reach λ_max past a larger negative λ). */
  shift?: number;
  /** Seed of the random start vector (default 0). */
  seed?: number;
  /**
   * Start vector instead of the seeded random one (shaped like the params, any non-zero norm; not
   * modified or disposed): a warm start from a nearby point's eigenvector needs far fewer products.
   */
  init?: Params;
  /** At most this many Hessian-vector products (default 100). */
  maxIter?: number;
  /** Stop when successive eigenvalue estimates differ by ≤ tol·|λ| (default 1e-5). */
  tol?: number;
}

export interface EigenResult {
  /** The eigenvalue of largest magnitude (the Rayleigh quotient vᵀHv at the last vector). */
  value: number;
  /** Unit eigenvector shaped like the params (caller disposes). */
  vector: Params;
  iterations: number;
}

/**
 * The power iteration itself; `report(k)` after the k-th product's readback (k ≤ maxIter, no
 * completion report: a caller may go on with a second, shifted iteration).
 */
async function powerIterate(
  hvp: HvpFn,
  params: Params,
  opts: EigenOptions,
  report: (iterations: number) => void,
): Promise<EigenResult> {
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-5;
  const start = opts.init ?? randomDirection(params, deriveSeed(opts.seed ?? 0, 'hessian/power'));
  let v = unitParams(start);
  if (start !== opts.init) disposeParams(start);
  let value = NaN;
  let iterations = 0;
  try {
    for (;;) {
      throwIfCancelled(opts);
      iterations++;
      const hv = shifted(hvp(params, v), v, opts.shift ?? 0);
      const rq = dotParams(v, hv);
      const next = (await rq.data())[0]!;
      rq.dispose();
      const done = Math.abs(next - value) <= tol * Math.abs(next) || iterations >= maxIter;
      value = next;
      report(iterations);
      if (done) {
        // Return v itself (not Hv/‖Hv‖) so that `value` is exactly its Rayleigh quotient, which
        // the deflated trace estimate relies on.
        disposeParams(hv);
        return { value, vector: v, iterations };
      }
      disposeParams(v);
      v = unitParams(hv);
      disposeParams(hv);
      await yieldToEventLoop();
    }
  } catch (e) {
    disposeParams(v);
    throw e;
  }
}

/**
 * Dominant Hessian eigenvalue by power iteration (as PyHessian does): v ← Hv/‖Hv‖ from a seeded
 * Gaussian start, λ = vᵀHv. It finds the eigenvalue of largest MAGNITUDE, which is λ_max at and
 * near minima where the negative eigenvalues are small. One scalar readback per iteration, after
 * which progress is reported as iterations out of `maxIter` (1 on convergence).
 *
 * @param params - weights w (any shapes); not modified.
 * @throws {CancelledError} when cancelled through `opts` (polled before each product).
 */
export async function hessianTopEigen(
  hvp: HvpFn,
  params: Params,
  opts: EigenOptions = {},
): Promise<EigenResult> {
  const total = opts.maxIter ?? 100;
  const r = await powerIterate(hvp, params, opts, (k) => {
    opts.onProgress?.({ done: k, total });
  });
  opts.onProgress?.({ done: total, total });
  return r;
}

/** (H − s·I)v from Hv; takes ownership of `hv`. */
function shifted(hv: Params, v: Params, s: number): Params {
  if (s === 0) return hv;
  const out: Params = {};
  for (const [k, t] of Object.entries(hv)) out[k] = tf.tidy(() => tf.sub(t, tf.mul(v[k]!, s)));
  disposeParams(hv);
  return out;
}

/**
 * The largest (algebraic) Hessian eigenvalue λ_max. Power iteration finds the eigenvalue of
 * largest magnitude; away from a minimum that can be a negative one (λ₁ < 0). Then every
 * eigenvalue is ≥ λ₁, so H − λ₁I is positive semi-definite and its dominant eigenvalue is
 * λ_max − λ₁: a second power iteration on the shifted operator recovers λ_max.
 *
 * Progress is monotone and ends at done = total = `maxIter`: the first iteration counts its
 * products, a second one fills the part the first left, in proportion to its own products.
 *
 * @throws {CancelledError} when cancelled through `opts` (polled before each product).
 */
export async function hessianLambdaMax(
  hvp: HvpFn,
  params: Params,
  opts: EigenOptions = {},
): Promise<EigenResult> {
  const total = opts.maxIter ?? 100;
  const report = (p: Progress) => opts.onProgress?.(p);
  const first = await powerIterate(hvp, params, opts, (k) => report({ done: k, total }));
  if (first.value >= 0) {
    report({ done: total, total });
    return first;
  }
  disposeParams(first.vector);
  const left = total - first.iterations;
  const second = await powerIterate(hvp, params, { ...opts, shift: first.value }, (k) =>
    report({ done: first.iterations + (k * left) / total, total }),
  );
  report({ done: total, total });
  return {
    value: second.value + first.value,
    vector: second.vector,
    iterations: first.iterations + second.iterations,
  };
}

export interface TraceOptions extends RunOptions {
  /** Seed of the Rademacher vectors (default 0). */
  seed?: number;
  /** Number of Rademacher vectors (default 100). */
  samples?: number;
  /**
   * A unit eigenvector u with eigenvalue λ (from {@link hessianTopEigen}): the estimate becomes
   * λ + E[zᵀPHPz] with P = I − uuᵀ, still unbiased but without the variance that the dominant
   * direction contributes, which is most of it for Hessians of trained nets.
   */
  deflate?: { value: number; vector: Params };
}

/** A seeded Rademacher vector (±1 entries) shaped like `params`. */
function rademacher(params: Params, seed: number): Params {
  return mapParams(params, (w, name) => {
    const u = tf.randomUniform(w.shape, 0, 1, 'float32', deriveSeed(seed, name));
    return tf.sub(tf.mul(tf.cast(tf.greater(u, 0.5), 'float32'), 2), 1);
  });
}

/** zᵀ(PHP)z for one Rademacher z, as a scalar tensor. */
function hutchinsonSample(hvp: HvpFn, params: Params, seed: number, opts: TraceOptions) {
  return tf.tidy(() => {
    let z = rademacher(params, seed);
    const u = opts.deflate?.vector;
    if (u) {
      const c = dotParams(u, z);
      z = mapParams(z, (t, n) => tf.sub(t, tf.mul(getTensor(u, n), c)));
    }
    return dotParams(z, hvp(params, z));
  });
}

/**
 * Hutchinson's trace estimator tr(H) ≈ mean of zᵀHz over Rademacher z (optionally deflated, see
 * {@link TraceOptions.deflate}). One scalar readback per probe, after which progress is reported
 * (probes done out of `samples`); cancellation is polled before each probe.
 *
 * @param params - weights w (any shapes); not modified.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export async function hessianTrace(
  hvp: HvpFn,
  params: Params,
  opts: TraceOptions = {},
): Promise<TraceResult> {
  const samples = opts.samples ?? 100;
  const base = deriveSeed(opts.seed ?? 0, 'hessian/hutchinson');
  const vals: number[] = [];
  for (let i = 0; i < samples; i++) {
    throwIfCancelled(opts);
    const part = hutchinsonSample(hvp, params, deriveSeed(base, String(i)), opts);
    try {
      vals.push((await part.data())[0]!);
    } finally {
      part.dispose();
    }
    opts.onProgress?.({ done: i + 1, total: samples });
    await yieldToEventLoop();
  }
  const mean = vals.reduce((a, b) => a + b, 0) / samples;
  const variance = vals.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, samples - 1);
  const trace = mean + (opts.deflate?.value ?? 0);
  return { trace, stdError: Math.sqrt(variance / samples), samples };
}
