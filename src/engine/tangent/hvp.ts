import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropy } from '../loss';
import { apply } from '../model/apply';
import type { ModelSpec, ModelState, Params } from '../types';
import { layerTangent, type Dual } from './layers';

/**
 * A Hessian-vector product: v ↦ ∇²L(w)·v at the weights w.
 *
 * @param params - weights w (any shapes); not modified.
 * @param v - a vector shaped like `params` (same names).
 * @returns H·v shaped like `params` (new tensors, caller disposes). No readback.
 */
export type HvpFn = (params: Params, v: Params) => Params;

/** The loss at given weights (scalar). Must be differentiable with tf.grads w.r.t. `params`. */
export type LossFn = (params: Params) => tf.Scalar;

/** A loss and its exact Hessian-vector product, over the same sample, labels and state. */
export interface Objective {
  loss: LossFn;
  hvp: HvpFn;
}

/**
 * The directional derivative ∇L(w)·v of the mean softmax cross-entropy, by forward-mode
 * tangents (see `layers.ts`): d/dz of mean CE is (softmax(z) − onehot(y)) / N.
 *
 * @param x - inputs [N, H, W, C]; @param y - labels [N] int32.
 * @returns a scalar, differentiable (first order) w.r.t. `params`.
 */
export function directionalDerivative(
  spec: ModelSpec,
  state: ModelState,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  params: Params,
  v: Params,
  mode: 'eval' | 'train' = 'eval',
): tf.Scalar {
  return tf.tidy(() => {
    let d: Dual = { x, dx: null };
    spec.layers.forEach((layer, i) => {
      d = layerTangent(d, layer, { i, params, tangents: v, state, mode });
    });
    if (d.x.rank !== 2) throw new Error(`model output has rank ${d.x.rank}; end with dense`);
    const logits = d.x as tf.Tensor2D;
    if (!d.dx) return tf.scalar(0);
    const onehot = tf.oneHot(tf.cast(y, 'int32'), logits.shape[1]);
    const residual = tf.sub(tf.softmax(logits), onehot);
    return tf.div(tf.sum(tf.mul(residual, d.dx)), logits.shape[0]) as tf.Scalar;
  });
}

/**
 * Exact Hessian-vector products of the mean cross-entropy of `spec` over (x, y), eval mode by
 * default; `mode` 'train' differentiates the loss a training step minimises (BatchNorm with the
 * batch's statistics; identical to eval mode for models without BatchNorm):
 * Hv = ∇_w(∇L(w)·v), one reverse pass over the forward-mode directional derivative. No step
 * size: the answer is the Hessian's, also at ReLU and max-pool kinks (where it is that of the
 * active piece, as PyTorch's double backward gives).
 *
 * @param state - BatchNorm moving statistics (borrowed).
 * @param x - [N, H, W, C] float32 inputs (borrowed); @param y - [N] int32 labels (borrowed).
 */
export function modelHvp(
  spec: ModelSpec,
  state: ModelState,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  mode: 'eval' | 'train' = 'eval',
): HvpFn {
  return (params, v) => {
    const names = Object.keys(params);
    const f = (...ts: tf.Tensor[]) => {
      const p: Params = {};
      names.forEach((n, i) => (p[n] = ts[i]!));
      return directionalDerivative(spec, state, x, y, p, v, mode);
    };
    const grads = tf.tidy(() => tf.grads(f)(names.map((n) => params[n]!)));
    const out: Params = {};
    names.forEach((n, i) => (out[n] = grads[i]!));
    return out;
  };
}

/**
 * The eval-mode loss of `spec` over (x, y) and its exact Hessian-vector product.
 *
 * @param x - [N, H, W, C] float32 (borrowed); @param y - [N] int32 (borrowed).
 */
export function modelObjective(
  spec: ModelSpec,
  state: ModelState,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
): Objective {
  return {
    loss: (p) => tf.tidy(() => softmaxCrossEntropy(apply(spec, p, state, x, 'eval').logits, y)),
    hvp: modelHvp(spec, state, x, y),
  };
}
