import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { disposeTensors, get } from './tensors';
import type {
  GradientOptimizer,
  LossAndGrad,
  StepOptions,
  StepOutput,
  UpdateOutput,
} from './types';

/** torch.optim.SGD hyper-parameters (same defaults). */
export interface SgdConfig {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  /** L2 penalty added to the gradient: g + weight_decay · w. */
  weightDecay?: number;
}

/** SGD state: momentum buffers, `null` until the first step (torch starts them at the first gradient). */
export interface SgdState {
  momentum: Params | null;
}

/** Update of one tensor; returns [w', buf'] (buf' undefined without momentum). */
function sgdOne(
  w: tf.Tensor,
  grad: tf.Tensor,
  buf: tf.Tensor | undefined,
  cfg: Required<SgdConfig>,
): [tf.Tensor, tf.Tensor | undefined] {
  const g = cfg.weightDecay !== 0 ? tf.add(grad, tf.mul(w, cfg.weightDecay)) : grad;
  if (cfg.momentum === 0) return [tf.sub(w, tf.mul(g, cfg.lr)), undefined];
  const nextBuf = buf
    ? tf.add(tf.mul(buf, cfg.momentum), tf.mul(g, 1 - cfg.dampening))
    : tf.clone(g); // torch: buf = clone(d_p) on the first step, without dampening
  const d = cfg.nesterov ? tf.add(g, tf.mul(nextBuf, cfg.momentum)) : nextBuf;
  return [tf.sub(w, tf.mul(d, cfg.lr)), nextBuf];
}

/** Shared step of first-order optimizers: one state-updating pass, then `update`. */
export function gradientStep<S>(
  opt: Pick<GradientOptimizer<S>, 'update'>,
  params: Params,
  optState: S,
  lossAndGrad: LossAndGrad,
  opts?: StepOptions,
): StepOutput<S> {
  const { loss, grads, state } = lossAndGrad(params, { updateState: true });
  const out = opt.update(params, grads, optState, opts);
  disposeTensors(grads);
  return { ...out, loss, modelState: state ?? {} };
}

/**
 * Stochastic gradient descent exactly as torch.optim.SGD (maximize = false):
 * g ← ∇ + wd·w; buf ← g on the first step, else μ·buf + (1 − dampening)·g;
 * d ← g + μ·buf (Nesterov) or buf (μ > 0) or g; w ← w − lr·d.
 * Params, grads and buffers may have any shapes (matched by name).
 */
export function sgd(config: SgdConfig): GradientOptimizer<SgdState> {
  // Explicit `??` rather than a spread, so keys present but undefined still get the defaults.
  const base: Required<SgdConfig> = {
    lr: config.lr,
    momentum: config.momentum ?? 0,
    dampening: config.dampening ?? 0,
    nesterov: config.nesterov ?? false,
    weightDecay: config.weightDecay ?? 0,
  };
  if (base.nesterov && (base.momentum <= 0 || base.dampening !== 0)) {
    throw new Error('SGD: Nesterov momentum requires momentum > 0 and zero dampening');
  }
  const opt: GradientOptimizer<SgdState> = {
    name: 'sgd',
    init: () => ({ momentum: null }),
    update(params, grads, optState, opts): UpdateOutput<SgdState> {
      const cfg = { ...base, lr: opts?.lr ?? base.lr };
      const next: Params = {};
      const bufs: Params = {};
      for (const name of Object.keys(params)) {
        const prev = optState.momentum?.[name];
        const [w, b] = tf.tidy(() => sgdOne(get(params, name), get(grads, name), prev, cfg));
        next[name] = w;
        if (b) bufs[name] = b;
      }
      return { params: next, optState: { momentum: cfg.momentum === 0 ? null : bufs } };
    },
    step: (params, optState, lossAndGrad, opts) =>
      gradientStep(opt, params, optState, lossAndGrad, opts),
    disposeState: (s) => disposeTensors(s.momentum),
  };
  return opt;
}
