import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { disposeTensors, get } from './tensors';
import type { GradientOptimizer, Optimizer } from './types';

/** SAM settings (Foret et al. 2021; ASAM: Kwon et al. 2021). */
export interface SamConfig {
  /** Radius of the neighbourhood (0.05 is the usual SAM value, 2 for ASAM as davda54/sam). */
  rho: number;
  /** ASAM as davda54/sam `adaptive=True`: T = |w| on every tensor, no η (Kwon et al. 2021). */
  adaptive?: boolean;
}

/** Added to the gradient norm as the reference PyTorch SAM does, so a zero gradient gives e = 0. */
const NORM_EPS = 1e-12;

/** Every tensor of `map` (in `names` order) flattened and concatenated: [D]. */
function flatten(map: Params, names: string[]): tf.Tensor1D {
  const parts = names.map((n) => tf.reshape(get(map, n), [-1]));
  return (parts.length === 1 ? parts[0]! : tf.concat(parts)) as tf.Tensor1D;
}

/** The inverse of {@link flatten}: a [D] vector cut into tensors shaped as `like`'s. */
function unflatten(v: tf.Tensor1D, like: Params, names: string[]): Params {
  const shapes = names.map((n) => get(like, n).shape);
  const parts = names.length === 1 ? [v] : tf.split(v, shapes.map(tf.util.sizeFromShape));
  const out: Params = {};
  names.forEach((n, i) => (out[n] = tf.reshape(parts[i]!, shapes[i]!)));
  return out;
}

/**
 * e as one flat [D] vector, with the flat weights W [D] (tidy-owned by the caller's scope).
 * Computed on all params concatenated, so a step launches a handful of kernels whatever the
 * number of tensors (per-tensor norms, scales and adds cost ~5 small kernels per tensor, which
 * on a dispatch-bound GPU backend cost about as much as a forward pass).
 */
function flatAscent(params: Params, grads: Params, cfg: SamConfig, names: string[]) {
  const w = flatten(params, names);
  const g = flatten(grads, names);
  const s = cfg.adaptive ? tf.mul(tf.abs(w), g) : g;
  const norm = tf.sqrt(tf.sum(tf.square(s)));
  const scale = tf.div(cfg.rho, tf.add(norm, NORM_EPS));
  const e = tf.mul(cfg.adaptive ? tf.mul(tf.square(w), g) : g, scale) as tf.Tensor1D;
  return { w, e };
}

/**
 * The SAM ascent step e, as the reference PyTorch SAM (davda54/sam):
 * SAM e = ρ·g / (‖g‖₂ + 1e-12); ASAM e = ρ·w²⊙g / (‖|w|⊙g‖₂ + 1e-12), the norm taken over all
 * params together. Borrows `params` and `grads`; returns a new map (same names and shapes).
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
      const perturbed = samPerturbed(params, first.grads, cfg);
      disposeTensors(first.grads);
      const second = lossAndGrad(perturbed, { updateState: false });
      disposeTensors(perturbed, second.state);
      second.loss.dispose();
      const out = base.update(params, second.grads, optState, opts);
      disposeTensors(second.grads);
      return { ...out, loss: first.loss, modelState: first.state ?? {} };
    },
  };
}
