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

/**
 * ASAM's operator T_w. The defaults are davda54/sam's `adaptive=True` (T_w = |w| on every tensor,
 * no η), the variant the app's ASAM trains with (optim/sam.ts) and the one Andriushchenko et al.
 * 2023 use for adaptive sharpness, so the measure and the optimizer share one ball. The
 * SamsungLabs/ASAM reference (`asam.py`) is `{ eta: 0.01, scaleBiases: false }`.
 */
export interface AdaptiveOptions {
  /** η added to |w| so zero weights can still move (default 0; SamsungLabs/ASAM uses 0.01). */
  eta?: number;
  /**
   * Scale biases and BatchNorm β too (default true, as davda54/sam; `false` leaves the tensors
   * PyTorch names `bias` at T = 1, as SamsungLabs/ASAM does).
   */
  scaleBiases?: boolean;
}

/** True for the tensors PyTorch names `bias` (biases, BatchNorm β): SamsungLabs/ASAM leaves them unscaled. */
export function isBiasLike(name: string): boolean {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last === 'bias' || last === 'beta';
}

/**
 * T_w, elementwise: |w| + η, and 1 on biases when `scaleBiases` is false (see
 * {@link AdaptiveOptions}; the default is |w| on every tensor).
 *
 * @param params - weights w (any shapes); not modified.
 * @returns a map shaped like `params` (caller disposes).
 */
export function adaptiveScale(params: Params, opts: AdaptiveOptions = {}): Params {
  const eta = opts.eta ?? 0;
  const scaleBiases = opts.scaleBiases ?? true;
  return mapParams(params, (w, n) =>
    !scaleBiases && isBiasLike(n) ? tf.onesLike(w) : tf.add(tf.abs(w), eta),
  );
}
