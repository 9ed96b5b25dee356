import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { disposeTensors, get, mapTensors } from './tensors';
import type { GradientOptimizer, Optimizer } from './types';

/** SAM settings (Foret et al. 2021; ASAM: Kwon et al. 2021). */
export interface SamConfig {
  /** Radius of the neighbourhood (0.05 is the usual SAM value, ~0.5–2 for ASAM). */
  rho: number;
  /** ASAM: scale the perturbation by |w| (adaptive sharpness). */
  adaptive?: boolean;
}

/** Added to the gradient norm as the reference PyTorch SAM does, so a zero gradient gives e = 0. */
const NORM_EPS = 1e-12;

/**
 * The SAM ascent step e, as the reference PyTorch SAM (davda54/sam):
 * SAM e = ρ·g / (‖g‖₂ + 1e-12); ASAM e = ρ·w²⊙g / (‖|w|⊙g‖₂ + 1e-12), the norm taken over all
 * params together. Borrows `params` and `grads`; returns a new map (same names and shapes).
 */
export function samPerturbation(params: Params, grads: Params, cfg: SamConfig): Params {
  const names = Object.keys(params);
  const scale = tf.tidy(() => {
    const sq = names.map((n) => {
      const g = get(grads, n);
      const s = cfg.adaptive ? tf.mul(tf.abs(get(params, n)), g) : g;
      return tf.sum(tf.square(s));
    });
    const norm = tf.sqrt(sq.length === 1 ? sq[0]! : tf.addN(sq));
    return tf.div(cfg.rho, tf.add(norm, NORM_EPS));
  });
  const e = mapTensors(params, (w, n) => {
    const g = get(grads, n);
    return tf.mul(cfg.adaptive ? tf.mul(tf.square(w), g) : g, scale);
  });
  scale.dispose();
  return e;
}

/**
 * Sharpness-aware minimisation around a base optimizer. One step:
 * 1. pass at w (updates BatchNorm moving statistics) → loss, g;
 * 2. e from {@link samPerturbation};
 * 3. pass at w + e with batch statistics but without updating the moving ones → g_SAM;
 * 4. the base optimizer steps from w (kept untouched, so it is restored exactly, not w + e − e)
 *    with g_SAM; weight decay therefore acts at w.
 * The state is the base optimizer's. Returns the first-pass loss and moving statistics.
 */
export function sam<S>(base: GradientOptimizer<S>, cfg: SamConfig): Optimizer<S> {
  if (!(cfg.rho >= 0)) throw new Error('SAM: rho must be >= 0');
  return {
    name: `${cfg.adaptive ? 'asam' : 'sam'}(${base.name})`,
    init: (params) => base.init(params),
    disposeState: (s) => base.disposeState(s),
    step(params, optState, lossAndGrad, opts) {
      const first = lossAndGrad(params, { updateState: true });
      const e = samPerturbation(params, first.grads, cfg);
      disposeTensors(first.grads);
      const perturbed = mapTensors(params, (w, n) => tf.add(w, get(e, n)));
      disposeTensors(e);
      const second = lossAndGrad(perturbed, { updateState: false });
      disposeTensors(perturbed, second.state);
      second.loss.dispose();
      const out = base.update(params, second.grads, optState, opts);
      disposeTensors(second.grads);
      return { ...out, loss: first.loss, modelState: first.state ?? {} };
    },
  };
}
