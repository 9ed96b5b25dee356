/**
 * The second-order SAM gradient (Foret et al. 2021, eq. 3 and App. C.4): the full gradient of
 * L(w + ε̂(w)) keeps the Hessian term SAM drops,
 *   ∇_w L(w + ε̂(w)) = g_SAM + (dε̂/dw)ᵀ·g_SAM,  g_SAM = ∇L(w + ε̂).
 * For p = 2, ε̂ = ρ·g/(‖g‖ + δ) (δ = 1e-12 as the SAM step), g = ∇L(w), H = ∇²L(w) symmetric:
 *   dε̂/dw = ρ/(‖g‖+δ)·H − ρ·g·(Hg)ᵀ/(‖g‖·(‖g‖+δ)²), so
 *   (dε̂/dw)ᵀ·v = ρ/(‖g‖+δ) · H·(v − g·(g·v)/(‖g‖·(‖g‖+δ))),
 * one exact Hessian-vector product at w on the same batch loss. For p = ∞, ε̂ = ρ·sign(g) is
 * piecewise constant: dε̂/dw = 0 almost everywhere and the term vanishes exactly.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { flatten, NORM_EPS, unflatten } from './flat';
import { cloneTensors } from './tensors';

/** The exact Hessian-vector product of the batch loss at given weights (new tensors). */
export type BatchHvp = (params: Params, v: Params) => Params;

/** What the second-order term depends on: the radius and the norm of the ball. */
export interface SecondOrderSettings {
  rho: number;
  p?: 2 | 'inf';
}

/** Keeps (g·v)/(‖g‖·(‖g‖+δ)) finite at g = 0, where g·v = 0 too (so the correction is 0). */
const TINY = 1e-30;

/**
 * (dε̂/dw)ᵀ·v as one flat [D] vector, or null when it vanishes (p = ∞).
 *
 * @param params - weights w (borrowed); @param g - ∇L(w), @param v - the vector, both shaped
 * like `params` (borrowed). @param hvp - Hessian-vector product of the loss g differentiates.
 */
export function epsilonJacobianTranspose(
  params: Params,
  g: Params,
  v: Params,
  cfg: SecondOrderSettings,
  hvp: BatchHvp | undefined,
): tf.Tensor1D | null {
  if (cfg.p === 'inf') return null;
  if (!hvp) throw new Error('second-order SAM needs the batch loss Hessian-vector product');
  const names = Object.keys(params);
  return tf.tidy(() => {
    const gf = flatten(g, names);
    const vf = flatten(v, names);
    const norm = tf.sqrt(tf.sum(tf.square(gf)));
    const shifted = tf.add(norm, NORM_EPS);
    const coef = tf.div(tf.sum(tf.mul(gf, vf)), tf.maximum(tf.mul(norm, shifted), TINY));
    const u = tf.sub(vf, tf.mul(gf, coef)) as tf.Tensor1D;
    const hu = flatten(hvp(params, unflatten(u, params, names)), names);
    return tf.mul(hu, tf.div(cfg.rho, shifted)) as tf.Tensor1D;
  });
}

/**
 * g_SAM + (dε̂/dw)ᵀ·g_SAM, the gradient second-order SAM steps with (a copy of g_SAM for p = ∞,
 * where the term is zero). Borrows everything; returns a new map shaped like `params`.
 */
export function secondOrderGradient(
  params: Params,
  g: Params,
  gSam: Params,
  cfg: SecondOrderSettings,
  hvp: BatchHvp | undefined,
): Params {
  const term = epsilonJacobianTranspose(params, g, gSam, cfg, hvp);
  if (!term) return cloneTensors(gSam);
  const names = Object.keys(params);
  return tf.tidy(() => {
    const out = unflatten(tf.add(flatten(gSam, names), term) as tf.Tensor1D, params, names);
    term.dispose();
    return out;
  });
}
