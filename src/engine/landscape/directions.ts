import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { deriveSeed } from '../../domain/random';
import { disposeParams, dotParams, getTensor, normParams } from './combine';
import { normalizeDirection, type NormalizeOptions } from './normalize';

/**
 * A Gaussian random direction with the shapes of the weights: every element ~ N(0, 1), as
 * `torch.randn` in Li et al.'s `get_random_weights`.
 *
 * Each tensor gets its own seed derived from `seed` and the parameter's name, so the same seed
 * always gives the same direction (tf's seeded sampler runs in JS, identically on every backend)
 * and adding a layer does not reshuffle the others.
 *
 * @param params - weights (only names and shapes are read), e.g. `layer0/kernel` [kh, kw, in, out].
 * @returns a new map with the names, order and shapes of `params` (caller disposes).
 */
export function randomDirection(params: Params, seed: number): Params {
  const out: Params = {};
  for (const [name, w] of Object.entries(params)) {
    out[name] = tf.randomNormal(w.shape, 0, 1, 'float32', deriveSeed(seed, `direction/${name}`));
  }
  return out;
}

/**
 * A seeded random direction normalised as Li et al. (2018) do (filter-wise and biases/BN zeroed
 * unless `opts` says otherwise).
 *
 * @param params - the weights the direction is normalised against (shapes as in `params`).
 * @returns a new direction map (caller disposes); `params` is not modified.
 */
export function filterNormalizedDirection(
  params: Params,
  seed: number,
  opts: NormalizeOptions = {},
): Params {
  const raw = randomDirection(params, seed);
  try {
    return normalizeDirection(raw, params, opts);
  } finally {
    disposeParams(raw);
  }
}

/**
 * Gram–Schmidt: d2 − (⟨d1, d2⟩ / ⟨d1, d1⟩)·d1, over all tensors together, so that the result is
 * orthogonal to d1 (Li et al. rely on random directions being nearly orthogonal in high
 * dimension; small models need this to be exact).
 *
 * @param d1 - reference direction; @param d2 - direction to orthogonalise, same names and shapes.
 * @returns a new map shaped like `d2` (caller disposes). An all-zero d1 leaves d2 unchanged.
 */
export function orthogonalize(d1: Params, d2: Params): Params {
  return tf.tidy(() => {
    const d11 = dotParams(d1, d1);
    // Guard ⟨d1, d1⟩ = 0 (all-zero d1) instead of producing NaNs.
    const coef = tf.where(tf.greater(d11, 0), tf.div(dotParams(d1, d2), d11), tf.scalar(0));
    const out: Params = {};
    for (const [name, t] of Object.entries(d2)) {
      out[name] = tf.sub(t, tf.mul(getTensor(d1, name), coef));
    }
    return out;
  });
}

/**
 * cos(d1, d2) = ⟨d1, d2⟩ / (‖d1‖·‖d2‖) over all tensors together.
 *
 * @returns a scalar tensor (caller disposes; read it with `await c.data()`); 0 when a norm is 0.
 */
export function cosine(d1: Params, d2: Params): tf.Scalar {
  return tf.tidy(() => {
    const denom = tf.mul(normParams(d1), normParams(d2));
    return tf.where(
      tf.greater(denom, 0),
      tf.div(dotParams(d1, d2), denom),
      tf.scalar(0),
    ) as tf.Scalar;
  });
}

export interface DirectionPairOptions extends NormalizeOptions {
  /** Make d2 exactly orthogonal to d1 (Gram–Schmidt after normalisation). Default false. */
  orthogonalize?: boolean;
}

/**
 * The two directions of a 2D plot: independent seeded Gaussian directions (seeds derived from
 * `seed`), each normalised as Li et al. do, then optionally d2 orthogonalised against d1.
 * Orthogonalising last makes the plot axes exactly orthogonal; d2's filter norms then match the
 * weights' only up to the tiny removed component (random directions are nearly orthogonal already).
 *
 * @param params - weights (e.g. `layer0/kernel` [kh, kw, in, out]).
 * @returns [d1, d2], new maps shaped like `params` (caller disposes both).
 */
export function directionPair(
  params: Params,
  seed: number,
  opts: DirectionPairOptions = {},
): [Params, Params] {
  const d1 = filterNormalizedDirection(params, deriveSeed(seed, 'd1'), opts);
  const d2 = filterNormalizedDirection(params, deriveSeed(seed, 'd2'), opts);
  if (!opts.orthogonalize) return [d1, d2];
  const orth = orthogonalize(d1, d2);
  disposeParams(d2);
  return [d1, orth];
}
