import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { gradientStep } from './sgd';
import { disposeTensors, get, mapTensors } from './tensors';
import type { GradientOptimizer, UpdateOutput } from './types';

/** torch.optim.Adam hyper-parameters (same defaults; amsgrad and decoupled decay not offered). */
export interface AdamConfig {
  lr: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** L2 penalty added to the gradient (torch Adam's weight_decay, not AdamW's). */
  weightDecay?: number;
}

/** Adam state: step count and the first/second moment estimates (same shapes as the params). */
export interface AdamState {
  t: number;
  m: Params;
  v: Params;
}

/**
 * Adam exactly as torch.optim.Adam (single-tensor path): t ← t + 1; g ← ∇ + wd·w;
 * m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
 * w ← w − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε).
 * The bias corrections are computed in float64 on the CPU, as torch does for Python floats.
 */
export function adam(config: AdamConfig): GradientOptimizer<AdamState> {
  // Explicit `??` rather than a spread, so keys present but undefined still get the defaults.
  const base: Required<AdamConfig> = {
    lr: config.lr,
    beta1: config.beta1 ?? 0.9,
    beta2: config.beta2 ?? 0.999,
    epsilon: config.epsilon ?? 1e-8,
    weightDecay: config.weightDecay ?? 0,
  };
  const { beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd } = base;
  const opt: GradientOptimizer<AdamState> = {
    name: 'adam',
    init: (params) => ({
      t: 0,
      m: mapTensors(params, (p) => tf.zerosLike(p)),
      v: mapTensors(params, (p) => tf.zerosLike(p)),
    }),
    update(params, grads, s, opts): UpdateOutput<AdamState> {
      const lr = opts?.lr ?? base.lr;
      const t = s.t + 1;
      const stepSize = lr / (1 - b1 ** t);
      const bc2Sqrt = Math.sqrt(1 - b2 ** t);
      const next: Params = {};
      const m: Params = {};
      const v: Params = {};
      for (const name of Object.keys(params)) {
        const w = get(params, name);
        [next[name], m[name], v[name]] = tf.tidy(() => {
          const grad = get(grads, name);
          const g = wd !== 0 ? tf.add(grad, tf.mul(w, wd)) : grad;
          const m1 = tf.add(tf.mul(get(s.m, name), b1), tf.mul(g, 1 - b1));
          const v1 = tf.add(tf.mul(get(s.v, name), b2), tf.mul(tf.square(g), 1 - b2));
          const denom = tf.add(tf.div(tf.sqrt(v1), bc2Sqrt), eps);
          return [tf.sub(w, tf.mul(tf.div(m1, denom), stepSize)), m1, v1];
        });
      }
      return { params: next, optState: { t, m, v } };
    },
    step: (params, optState, lossAndGrad, opts) =>
      gradientStep(opt, params, optState, lossAndGrad, opts),
    disposeState: (s) => disposeTensors(s.m, s.v),
  };
  return opt;
}
