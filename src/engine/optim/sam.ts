import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { flatten, NORM_EPS, unflatten } from './flat';
import { secondOrderGradient } from './sam-second-order';
import { disposeTensors } from './tensors';
import type { GradientOptimizer, Optimizer } from './types';

/** SAM settings (Foret et al. 2021; ASAM: Kwon et al. 2021). */
export interface SamConfig {
  /** Radius of the neighbourhood (0.05 is the usual SAM value, 2 for ASAM as davda54/sam). */
  rho: number;
  /** ASAM as davda54/sam `adaptive=True`: T = |w| on every tensor, no η (Kwon et al. 2021). */
  adaptive?: boolean;
  /**
   * The norm of the neighbourhood ball (Foret et al. 2021 eq. 2): ε̂ = ρ·sign(g)·|g|^(q−1) /
   * ‖g‖_q^(q/p), 1/p + 1/q = 1. 2 (default): ε̂ = ρ·g/‖g‖₂. 'inf' (q = 1): ε̂ = ρ·sign(g); with
   * ASAM, ε̂ = ρ·T·sign(T·g) = ρ·|w|⊙sign(g), Kwon et al.'s general-p ε̂ at q = 1.
   */
  p?: SamNorm;
  /**
   * Step with the full gradient of L(w + ε̂(w)), Hessian term included (Foret et al. 2021, eq. 3
   * before they drop it): g_SAM + (dε̂/dw)ᵀ·g_SAM, one exact Hessian-vector product per step
   * (see `sam-second-order.ts`). Needs {@link LossAndGrad.hvp}; not with ASAM.
   */
  secondOrder?: boolean;
}

/** The p of SAM's p-norm ball: 2 or ∞. */
export type SamNorm = 2 | 'inf';

/**
 * e as one flat [D] vector, with the flat weights W [D] (tidy-owned by the caller's scope).
 * Computed on all params concatenated, so a step launches a handful of kernels whatever the
 * number of tensors (per-tensor norms, scales and adds cost ~5 small kernels per tensor, which
 * on a dispatch-bound GPU backend cost about as much as a forward pass).
 */
function flatAscent(params: Params, grads: Params, cfg: SamConfig, names: string[]) {
  const w = flatten(params, names);
  const g = flatten(grads, names);
  if (cfg.p === 'inf') {
    const dir = cfg.adaptive ? tf.mul(tf.abs(w), tf.sign(g)) : tf.sign(g);
    return { w, e: tf.mul(dir, cfg.rho) as tf.Tensor1D };
  }
  const s = cfg.adaptive ? tf.mul(tf.abs(w), g) : g;
  const norm = tf.sqrt(tf.sum(tf.square(s)));
  const scale = tf.div(cfg.rho, tf.add(norm, NORM_EPS));
  const e = tf.mul(cfg.adaptive ? tf.mul(tf.square(w), g) : g, scale) as tf.Tensor1D;
  return { w, e };
}

/**
 * The SAM ascent step e, as the reference PyTorch SAM (davda54/sam):
 * SAM e = ρ·g / (‖g‖₂ + 1e-12); ASAM e = ρ·w²⊙g / (‖|w|⊙g‖₂ + 1e-12), the norm taken over all
 * params together. p = ∞: e = ρ·sign(g), ASAM e = ρ·|w|⊙sign(g) (sign(0) = 0). Borrows `params` and `grads`; returns a new map (same names and shapes).
 */
export function samPerturbation(params: Params, grads: Params, cfg: SamConfig): Params {
  const names = Object.keys(params);
  return tf.tidy(() => unflatten(flatAscent(params, grads, cfg, names).e, params, names));
}

/**
 * The perturbed weights w + e of {@link samPerturbation} (element by element the same sum),
 * built in one pass over the concatenated params. Borrows both maps; returns a new map.
 */
export function samPerturbed(params: Params, grads: Params, cfg: SamConfig): Params {
  const names = Object.keys(params);
  return tf.tidy(() => {
    const { w, e } = flatAscent(params, grads, cfg, names);
    return unflatten(tf.add(w, e) as tf.Tensor1D, params, names);
  });
}

/**
 * Sharpness-aware minimisation around a base optimizer. One step:
 * 1. pass at w (updates BatchNorm moving statistics) → loss, g;
 * 2. w + e from {@link samPerturbed};
 * 3. pass at w + e with batch statistics but without updating the moving ones → g_SAM;
 * 4. second order only: g_SAM + (dε̂/dw)ᵀ·g_SAM ({@link secondOrderGradient}, Hessian at w);
 * 5. the base optimizer steps from w (kept untouched, so it is restored exactly, not w + e − e)
 *    with that gradient; weight decay therefore acts at w.
 * The state is the base optimizer's. Returns the first-pass loss and moving statistics.
 */
export function sam<S>(base: GradientOptimizer<S>, cfg: SamConfig): Optimizer<S> {
  if (!(cfg.rho >= 0)) throw new Error('SAM: rho must be >= 0');
  if (cfg.secondOrder && cfg.adaptive) throw new Error('SAM: second order is not offered for ASAM');
  const norm = cfg.p === 'inf' ? '-pinf' : '';
  const order = cfg.secondOrder ? '-2nd' : '';
  return {
    name: `${cfg.adaptive ? 'asam' : 'sam'}${norm}${order}(${base.name})`,
    init: (params) => base.init(params),
    disposeState: (s) => base.disposeState(s),
    step(params, optState, lossAndGrad, opts) {
      const first = lossAndGrad(params, { updateState: true });
      const perturbed = samPerturbed(params, first.grads, cfg);
      const second = lossAndGrad(perturbed, { updateState: false });
      disposeTensors(perturbed, second.state);
      second.loss.dispose();
      let grads = second.grads;
      if (cfg.secondOrder) {
        grads = secondOrderGradient(params, first.grads, second.grads, cfg, lossAndGrad.hvp);
        disposeTensors(second.grads);
      }
      disposeTensors(first.grads);
      const out = base.update(params, grads, optState, opts);
      disposeTensors(grads);
      return { ...out, loss: first.loss, modelState: first.state ?? {} };
    },
  };
}
