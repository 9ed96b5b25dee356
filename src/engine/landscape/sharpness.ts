import * as tf from '@tensorflow/tfjs';
import type { WorstCaseResult } from '../../domain/sharpness';
import type { Params } from '../types';
import { deriveSeed } from '../../domain/random';
import { disposeParams, getTensor, mapParams, normParams } from './combine';
import { randomDirection } from './directions';
import type { LossFn } from '../tangent/hvp';
import { throwIfCancelled, yieldToEventLoop, type RunOptions } from './points';
import { adaptiveScale, valueAndGradient, type AdaptiveOptions } from './sharpness-core';

// The result types are the domain's (one copy for engine, worker and UI).
export type { WorstCaseResult };

export {
  adaptiveScale,
  isBiasLike,
  valueAndGradient,
  type AdaptiveOptions,
} from './sharpness-core';

/**
 * Worst-case ρ-sharpness on the caller's fixed sample S (Foret et al. 2021, eq. 1 of SAM, with
 * m = |S|: their m-sharpness averages this over disjoint batches of m samples; the app measures
 * one fixed sample, so one batch):
 *   S_ρ(w) = max_{‖T_w⁻¹ε‖₂ ≤ ρ} L_S(w + ε) − L_S(w),
 * with T_w = I (SAM's Euclidean ball, {@link rhoSharpness}) or, for the adaptive variant (Kwon et
 * al. 2021, {@link adaptiveRhoSharpness}), T_w = diag(|w|) on every tensor: davda54/sam's
 * `adaptive=True`, the ASAM the app trains with, and Andriushchenko et al.'s (2023) adaptive
 * worst-case sharpness in the ℓ₂ ball. (SamsungLabs/ASAM's |w| + 0.01 on weights only is an
 * option, see {@link AdaptiveOptions}.) Not Keskar et al.'s (2017) ε-sharpness, which maximises
 * over a box scaled by (|w| + 1) and reports 100·(max L − L)/(1 + L).
 *
 * The maximum is found by projected, normalised gradient ascent in the scaled variable δ = T⁻¹ε
 * (the ball becomes ‖δ‖₂ ≤ ρ and ∇_δ L(w + Tδ) = T∇L):
 * - start at SAM's/ASAM's first-order solution δ₀ = ρ·T∇L(w)/‖T∇L(w)‖ (so ε₀ is exactly the SAM
 *   perturbation ρg/‖g‖, resp. ASAM's ρT²g/‖Tg‖); at a stationary point (∇L = 0, where the
 *   first-order solution is undefined) at a seeded random point of the sphere instead, as the
 *   random start of Andriushchenko et al. 2023 (`random_init_on_sphere_delta_dict`);
 * - step δ ← Proj_ρ(δ_best + α·u_best), u = T∇L/(‖T∇L‖ + 1e-12), with APGD's initial step
 *   α = 2ρ (Croce & Hein 2020, used for sharpness by Andriushchenko et al. 2023) and APGD's rule
 *   "halve α and restart from the best point" applied after every step that did not increase
 *   the loss (APGD checks it at checkpoints and adds momentum; on a quadratic at its minimum this
 *   converges like power iteration, where a fixed small step such as 2.5ρ/K reaches only
 *   ~85–95% of the maximum in K = 10 steps);
 * - return the best iterate, never the last: the result is an attained value, hence a lower
 *   bound on S_ρ, and never below SAM's one-step estimate (it is iterate 0).
 * Cost: K + 1 gradients (one at w) and one forward pass; one scalar readback per iteration (the
 * best-point bookkeeping needs the value), which is also where progress is reported and
 * cancellation polled.
 */

/** Added to gradient norms as the reference PyTorch SAM does, so a zero gradient gives u = 0. */
const GRAD_EPS = 1e-12;

export interface WorstCaseOptions extends RunOptions {
  /** Radius ρ (default 0.05, SAM's CIFAR value). */
  rho?: number;
  /** K, ascent steps after the first-order start (default 10); 0 gives SAM's estimate. */
  steps?: number;
  /** Initial step α as a multiple of ρ (default 2, APGD's). */
  stepSize?: number;
  /** Seed of the random start, used only where ∇L(w) = 0 (default 0). */
  seed?: number;
}

/** The ball: centre w, scaling T (null: identity), radius ρ in the scaled variable. */
interface Ball {
  params: Params;
  scale: Params | null;
  rho: number;
}

/** ε = T⊙δ (new tensors; a copy of δ when T = I). */
function toEps(delta: Params, scale: Params | null): Params {
  return mapParams(delta, (d, n) => (scale ? tf.mul(d, getTensor(scale, n, 'scale')) : d.clone()));
}

/** u = T⊙g / (‖T⊙g‖ + 1e-12) and ‖T⊙g‖ (new tensors). */
function scaledUnit(grads: Params, scale: Params | null): { u: Params; norm: tf.Scalar } {
  return tf.tidy(() => {
    const tg = toEps(grads, scale);
    const norm = normParams(tg);
    const inv = tf.div(1, tf.add(norm, GRAD_EPS));
    return { u: mapParams(tg, (t) => tf.mul(t, inv)), norm };
  });
}

/** w + T⊙δ (new tensors). */
function perturbed(ball: Ball, delta: Params): Params {
  return tf.tidy(() => {
    const eps = toEps(delta, ball.scale);
    return mapParams(ball.params, (t, n) => tf.add(t, getTensor(eps, n)));
  });
}

/**
 * L(w + T⊙δ), and with `withGrad` the unit ascent direction u there (new tensors; `u` null
 * without `withGrad`: the last iterate needs no gradient).
 */
function probe(
  lossFn: LossFn,
  ball: Ball,
  delta: Params,
  withGrad: boolean,
): { loss: tf.Scalar; u: Params | null } {
  if (!withGrad) return { loss: tf.tidy(() => lossFn(perturbed(ball, delta))), u: null };
  return tf.tidy(() => {
    const { value, grads } = valueAndGradient(lossFn, perturbed(ball, delta));
    return { loss: value, u: scaledUnit(grads, ball.scale).u };
  });
}

/** Proj_ρ(δ + α·u): the step, then back onto the ball ‖·‖₂ ≤ ρ if it left it (new tensors). */
function ascentStep(delta: Params, u: Params, alpha: number, rho: number): Params {
  return tf.tidy(() => {
    const x = mapParams(delta, (d, n) => tf.add(d, tf.mul(getTensor(u, n), alpha)));
    // min(1, ρ/‖x‖): ‖x‖ = 0 gives ρ/0 = ∞ → 1, so no NaN.
    const f = tf.minimum(1, tf.div(rho, normParams(x)));
    return mapParams(x, (t) => tf.mul(t, f));
  });
}

/**
 * δ₀ = ρ·u(w), or a seeded random point of the sphere where ∇L(w) = 0, with L(w) and ‖T∇L(w)‖
 * stacked into a vector [2] so the caller reads both at once (new tensors).
 */
function start(lossFn: LossFn, ball: Ball, seed: number): { delta: Params; stats: tf.Tensor1D } {
  return tf.tidy(() => {
    const { value, grads } = valueAndGradient(lossFn, ball.params);
    const { u, norm } = scaledUnit(grads, ball.scale);
    const z = randomDirection(ball.params, deriveSeed(seed, 'sharpness/start'));
    const zScale = tf.div(ball.rho, normParams(z));
    // A blend instead of tf.where: useGrad ∈ {0, 1}, and u = 0 exactly when ∇L = 0.
    const useGrad = tf.cast(tf.greater(norm, 0), 'float32');
    const zCoef = tf.mul(tf.sub(1, useGrad), zScale);
    const delta = mapParams(u, (t, n) =>
      tf.add(tf.mul(t, tf.mul(useGrad, ball.rho)), tf.mul(getTensor(z, n), zCoef)),
    );
    return { delta, stats: tf.stack([value, norm]) as tf.Tensor1D };
  });
}

/** Reads a tensor and disposes it. */
async function readAndDispose(t: tf.Tensor): Promise<number[]> {
  try {
    return Array.from(await t.data());
  } finally {
    t.dispose();
  }
}

/** Best iterate of the ascent (owned by the caller) and the loss at iterate 0. */
interface AscentResult {
  best: number;
  first: number;
  bestDelta: Params;
}

/** The ascent loop (see the module comment). Takes ownership of `delta0`. */
async function ascend(
  lossFn: LossFn,
  ball: Ball,
  delta0: Params,
  opts: WorstCaseOptions,
): Promise<AscentResult> {
  const steps = Math.max(0, Math.floor(opts.steps ?? 10));
  let alpha = (opts.stepSize ?? 2) * ball.rho;
  let delta: Params | null = delta0;
  let best = { loss: -Infinity, delta: null as Params | null, u: null as Params | null };
  let first = NaN;
  try {
    for (let k = 0; k <= steps; k++) {
      throwIfCancelled(opts);
      const { loss, u } = probe(lossFn, ball, delta!, k < steps);
      const l = (await readAndDispose(loss))[0]!;
      if (k === 0) first = l;
      // NaN never improves; the first iterate is kept whatever it is so a best point exists.
      if (l > best.loss || best.delta === null) {
        [best.delta, best.u].forEach((p) => p && disposeParams(p));
        best = { loss: l, delta: delta!, u };
      } else {
        alpha /= 2;
        disposeParams(delta!);
        if (u) disposeParams(u);
      }
      delta = null;
      opts.onProgress?.({ done: k + 1, total: steps + 1 });
      if (k < steps) delta = ascentStep(best.delta!, best.u!, alpha, ball.rho);
      await yieldToEventLoop();
    }
  } catch (e) {
    [delta, best.delta].forEach((p) => p && disposeParams(p));
    throw e;
  } finally {
    if (best.u) disposeParams(best.u);
  }
  return { best: best.loss, first, bestDelta: best.delta! };
}

/** Shared driver of both variants: `scale` null is SAM's ball, otherwise ASAM's T_w. */
async function worstCase(
  lossFn: LossFn,
  params: Params,
  scale: Params | null,
  opts: WorstCaseOptions,
  rho: number,
): Promise<WorstCaseResult> {
  if (!(rho > 0)) throw new Error(`sharpness: rho must be > 0 (got ${rho})`);
  const ball: Ball = { params, scale, rho };
  throwIfCancelled(opts);
  const s = start(lossFn, ball, opts.seed ?? 0);
  const [baseLoss, gradNorm] = await readAndDispose(s.stats);
  const r = await ascend(lossFn, ball, s.delta, opts);
  const norms = tf.tidy(() => {
    const eps = toEps(r.bestDelta, scale);
    return tf.stack([normParams(eps), normParams(r.bestDelta)]);
  });
  disposeParams(r.bestDelta);
  const [epsNorm, scaledNorm] = await readAndDispose(norms);
  return {
    rho,
    adaptive: scale !== null,
    baseLoss: baseLoss!,
    perturbedLoss: r.best,
    sharpness: r.best - baseLoss!,
    firstOrderSharpness: r.first - baseLoss!,
    gradNorm: gradNorm!,
    epsNorm: epsNorm!,
    scaledNorm: scaledNorm!,
    evaluations: Math.max(0, Math.floor(opts.steps ?? 10)) + 1,
  };
}

/**
 * Worst-case ρ-sharpness max_{‖ε‖₂ ≤ ρ} L(w + ε) − L(w) (SAM's objective, Foret et al. 2021);
 * algorithm in the module comment.
 *
 * @param lossFn - mean loss over a fixed sample, eval mode (differentiable w.r.t. `params`).
 * @param params - weights w (e.g. `layer0/kernel` [kh, kw, in, out]); not modified or disposed.
 * @throws {CancelledError} when cancelled through `opts` (polled between iterations).
 */
export function rhoSharpness(
  lossFn: LossFn,
  params: Params,
  opts: WorstCaseOptions = {},
): Promise<WorstCaseResult> {
  return worstCase(lossFn, params, null, opts, opts.rho ?? 0.05);
}

/**
 * Adaptive worst-case sharpness max_{‖T_w⁻¹ε‖₂ ≤ ρ} L(w + ε) − L(w) (ASAM, Kwon et al. 2021),
 * T_w from {@link adaptiveScale} (computed once at w; default |w| on every tensor, as the ASAM
 * that trains). Default ρ = 2.0, davda54/sam's recommended ρ for `adaptive=True`.
 *
 * @param params - weights w (any shapes); not modified or disposed.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export async function adaptiveRhoSharpness(
  lossFn: LossFn,
  params: Params,
  opts: WorstCaseOptions & AdaptiveOptions = {},
): Promise<WorstCaseResult> {
  const scale = adaptiveScale(params, opts);
  try {
    return await worstCase(lossFn, params, scale, opts, opts.rho ?? 2);
  } finally {
    disposeParams(scale);
  }
}
