import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { mapParams } from './combine';
import type { LossFn } from './hessian';

/** Building blocks of the sharpness measures: loss-and-gradient, and ASAM's scaling T_w. */

/**
 * L(w) and ∇L(w) in one pass (tf.valueAndGrads).
 *
 * @param params - weights w (any shapes); not modified or disposed.
 * @returns the loss (scalar) and gradients with the names, order and shapes of `params`
 *   (caller disposes both).
 */
export function valueAndGradient(
  lossFn: LossFn,
  params: Params,
): { value: tf.Scalar; grads: Params } {
  const names = Object.keys(params);
  const f = (...ts: tf.Tensor[]) => {
    const p: Params = {};
    names.forEach((n, i) => (p[n] = ts[i]!));
    return lossFn(p);
  };
  const { value, grads } = tf.tidy(() => tf.valueAndGrads(f)(names.map((n) => params[n]!)));
  const out: Params = {};
  names.forEach((n, i) => (out[n] = grads[i]!));
  return { value: value as tf.Scalar, grads: out };
}

/** ASAM's operator T_w; defaults are the reference ASAM code's. */
export interface AdaptiveOptions {
  /** η added to |w| so zero weights can still move (default 0.01, ASAM's `eta`). */
  eta?: number;
  /**
   * Scale biases and BatchNorm β too (default false: ASAM scales only PyTorch `weight`
   * tensors, i.e. conv/dense kernels and BatchNorm γ). `true` with `eta: 0` is davda54/sam's
   * `adaptive=True`, the ASAM variant the app trains with (see optim/sam.ts).
   */
  scaleBiases?: boolean;
}

/** True for the tensors PyTorch names `bias` (biases, BatchNorm β): ASAM leaves them unscaled. */
export function isBiasLike(name: string): boolean {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last === 'bias' || last === 'beta';
}

/**
 * ASAM's T_w, elementwise: |w| + η for weight tensors, 1 for biases (see {@link AdaptiveOptions}).
 *
 * @param params - weights w (any shapes); not modified.
 * @returns a map shaped like `params` (caller disposes).
 */
export function adaptiveScale(params: Params, opts: AdaptiveOptions = {}): Params {
  const eta = opts.eta ?? 0.01;
  return mapParams(params, (w, n) =>
    !opts.scaleBiases && isBiasLike(n) ? tf.onesLike(w) : tf.add(tf.abs(w), eta),
  );
}
