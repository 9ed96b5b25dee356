/**
 * Foret et al. 2021, Fig. 5: how far the second-order SAM update turns from the first-order one,
 * cos(g_SAM, g_SAM + (dε̂/dw)ᵀ·g_SAM), measured at given weights on one batch.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { flatten } from './flat';
import { samPerturbed, type SamConfig } from './sam';
import { secondOrderGradient } from './sam-second-order';
import { disposeTensors } from './tensors';
import type { LossAndGrad } from './types';

/** The first- and second-order SAM update directions at w (new maps, caller disposes both). */
export interface SamUpdates {
  /** g_SAM = ∇L(w + ε̂), what first-order SAM steps with. */
  firstOrder: Params;
  /** g_SAM + (dε̂/dw)ᵀ·g_SAM, the full gradient of L(w + ε̂(w)). */
  secondOrder: Params;
}

/**
 * Both SAM update directions on the batch of `lossAndGrad` at `params` (borrowed), whatever
 * order the run trains with. No pass updates BatchNorm moving statistics (the loss is the same
 * batch-statistics one the step differentiates). Not for ASAM (throws).
 */
export function samUpdates(params: Params, lossAndGrad: LossAndGrad, cfg: SamConfig): SamUpdates {
  if (cfg.adaptive) throw new Error('SAM update cosine: not defined here for ASAM');
  const first = lossAndGrad(params, { updateState: false });
  first.loss.dispose();
  const perturbed = samPerturbed(params, first.grads, cfg);
  const second = lossAndGrad(perturbed, { updateState: false });
  disposeTensors(perturbed);
  second.loss.dispose();
  const full = secondOrderGradient(params, first.grads, second.grads, cfg, lossAndGrad.hvp);
  disposeTensors(first.grads);
  return { firstOrder: second.grads, secondOrder: full };
}

/**
 * cos(a, b) over all tensors together, from a·b, a·a and b·b read back in one transfer and
 * combined in double precision: a·b / √((a·a)(b·b)). Exactly 1 when b is a copy of a (the
 * float32 a·a squared is exact in double, and so is its square root). NaN when a norm is 0.
 */
export async function cosineOf(a: Params, b: Params): Promise<number> {
  const names = Object.keys(a);
  const dots = tf.tidy(() => {
    const fa = flatten(a, names);
    const fb = flatten(b, names);
    return tf.stack([tf.sum(tf.mul(fa, fb)), tf.sum(tf.mul(fa, fa)), tf.sum(tf.mul(fb, fb))]);
  });
  const [ab, aa, bb] = Array.from(await dots.data());
  dots.dispose();
  const denom = Math.sqrt(aa! * bb!);
  if (!(denom > 0)) return NaN;
  return Math.min(1, Math.max(-1, ab! / denom));
}

/** cos(g_SAM, g_SAM + (dε̂/dw)ᵀ·g_SAM) at `params` on the batch of `lossAndGrad` (Fig. 5). */
export async function samUpdateCosine(
  params: Params,
  lossAndGrad: LossAndGrad,
  cfg: SamConfig,
): Promise<number> {
  const u = samUpdates(params, lossAndGrad, cfg);
  try {
    return await cosineOf(u.firstOrder, u.secondOrder);
  } finally {
    disposeTensors(u.firstOrder, u.secondOrder);
  }
}
