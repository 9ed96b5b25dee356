import * as tf from '@tensorflow/tfjs';
import type { AverageCaseResult, AverageDirection } from '../../domain/sharpness';
import type { Params } from '../types';
import { deriveSeed } from '../../domain/random';
import { getTensor, mapParams } from './combine';
import { filterNormalizedDirection, randomDirection } from './directions';
import type { LossFn } from '../tangent/hvp';
import type { NormalizeOptions } from './normalize';
import { throwIfCancelled, yieldToEventLoop, type RunOptions } from './points';

// The result types are the domain's (one copy for engine, worker and UI).
export type { AverageCaseResult, AverageDirection };

/**
 * Average-case sharpness E_δ[L(w + δ)] − L(w) over random perturbations δ, as defined and coded
 * by Andriushchenko et al. 2023 ("A modern look at the relationship between sharpness and
 * generalization", `eval_average_sharpness` with `random_init_lw`, norm 'l2'), by Monte Carlo
 * over M seeded samples on the caller's fixed sample (their code averages the same quantity over
 * batches; the app measures one fixed sample, i.e. one batch).
 *
 * Perturbations, drawn for EVERY tensor (kernels, biases, BatchNorm γ/β, as their code does for
 * every `named_parameters()` entry):
 * - `gaussian` (default): δᵢ ~ N(0, ρ²) independently per coordinate. ‖δ‖ concentrates at ρ√n,
 *   so this ρ is not SAM's radius. For a quadratic at its minimum E[L(w + δ) − L(w)] = ½ρ²·tr(H).
 * - `adaptive`: δᵢ ~ N(0, ρ²wᵢ²), i.e. δ = ρ·|w|⊙z (their `adaptive=True`: T_w = |w|, no η,
 *   the same scaling as the ASAM the app trains); at a quadratic minimum E = ½ρ²·Σᵢ Hᵢᵢwᵢ².
 * - `filter`: δ = ρ·d̂ with d̂ Li et al.'s (2018) filter-normalised Gaussian direction, so each
 *   filter moves by ρ times its own norm (biases and BatchNorm zeroed unless `normalize` says
 *   otherwise): not Andriushchenko et al.'s measure, offered to relate to the 1D slices (t = ρ).
 */
export interface AverageCaseOptions extends RunOptions {
  /** Standard deviation ρ of each coordinate's noise (relative to |wᵢ| for `adaptive`; default 0.05). */
  rho?: number;
  /** M, number of random perturbations (default 100, the default `n_iters` of their code). */
  samples?: number;
  /** Seed of the perturbations (default 0); sample i uses a seed derived from (seed, i). */
  seed?: number;
  /** Default `gaussian` (see {@link AverageDirection}). */
  direction?: AverageDirection;
  /** Li et al. normalisation options for `filter` (default: filter-wise, biases/BN zeroed). */
  normalize?: NormalizeOptions;
}

/**
 * The i-th random perturbation d (see {@link AverageDirection}).
 *
 * @param params - weights w (shapes; values read for `adaptive` and `filter`).
 * @returns a map shaped like `params` (caller disposes).
 */
export function averagePerturbation(
  params: Params,
  rho: number,
  seed: number,
  direction: AverageDirection,
  normalize: NormalizeOptions = {},
): Params {
  return tf.tidy(() => {
    if (direction === 'filter') {
      return mapParams(filterNormalizedDirection(params, seed, normalize), (t) => tf.mul(t, rho));
    }
    const z = randomDirection(params, seed);
    // δ = ρ·z, resp. ρ·|w|⊙z: per coordinate N(0, ρ²), resp. N(0, ρ²wᵢ²).
    const scale = (n: string) =>
      direction === 'adaptive' ? tf.mul(tf.abs(getTensor(params, n, 'params')), rho) : rho;
    return mapParams(z, (t, n) => tf.mul(t, scale(n)));
  });
}

/** L(w + d) as a scalar tensor, freeing the perturbed weights (new tensor). */
function lossAtOffset(lossFn: LossFn, params: Params, d: Params): tf.Scalar {
  return tf.tidy(() => lossFn(mapParams(params, (w, n) => tf.add(w, getTensor(d, n)))));
}

/** Mean, sample standard deviation and standard error of `xs` (at least one value). */
function meanStd(xs: number[]): { mean: number; std: number; stdError: number } {
  const m = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / m;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, m - 1);
  const std = Math.sqrt(variance);
  return { mean, std, stdError: std / Math.sqrt(m) };
}

/**
 * Average-case sharpness (see {@link AverageDirection}). The M + 1 losses stay on the backend
 * and are read with ONE `await data()` at the end; progress is reported and cancellation polled
 * after each sample is queued (on the CPU backend that is after it is computed).
 *
 * @param lossFn - mean loss over a fixed sample, eval mode.
 * @param params - weights w (e.g. `layer0/kernel` [kh, kw, in, out]); not modified or disposed.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export async function averageSharpness(
  lossFn: LossFn,
  params: Params,
  opts: AverageCaseOptions = {},
): Promise<AverageCaseResult> {
  const rho = opts.rho ?? 0.05;
  const m = Math.floor(opts.samples ?? 100);
  const direction = opts.direction ?? 'gaussian';
  if (!(rho > 0)) throw new Error(`averageSharpness: rho must be > 0 (got ${rho})`);
  if (!(m >= 1)) throw new Error(`averageSharpness: samples must be >= 1 (got ${opts.samples})`);
  const base = deriveSeed(opts.seed ?? 0, 'sharpness/average');
  const losses: tf.Scalar[] = [tf.tidy(() => lossFn(params))];
  let vals: number[];
  try {
    for (let i = 0; i < m; i++) {
      throwIfCancelled(opts);
      losses.push(
        tf.tidy(() => {
          const seed = deriveSeed(base, String(i));
          const d = averagePerturbation(params, rho, seed, direction, opts.normalize);
          return lossAtOffset(lossFn, params, d);
        }),
      );
      opts.onProgress?.({ done: i + 1, total: m });
      await yieldToEventLoop();
    }
    const stacked = tf.stack(losses); // [M + 1]: L(w), then L(w + dᵢ)
    try {
      vals = Array.from(await stacked.data());
    } finally {
      stacked.dispose();
    }
  } finally {
    tf.dispose(losses);
  }
  const baseLoss = vals[0]!;
  const increases = vals.slice(1).map((l) => l - baseLoss);
  return { rho, direction, samples: m, baseLoss, ...meanStd(increases), increases };
}
