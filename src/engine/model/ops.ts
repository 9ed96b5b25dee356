import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, Mode, ModelState, Params } from '../types';

/** A tensor of a parameter or state map, or an error naming it. */
export function need(map: Params | ModelState, name: string): tf.Tensor {
  const t = map[name];
  if (!t) throw new Error(`missing tensor ${name}`);
  return t;
}

/** Axes reduced by BatchNorm: everything but channels (N, H, W for images, N for features). */
function bnAxes(rank: number): number[] {
  return rank === 4 ? [0, 1, 2] : [0];
}

/** What a forward pass threads through its layers: weights, statistics, mode, new statistics. */
export interface LayerContext {
  params: Params;
  state: ModelState;
  mode: Mode;
  /** Train mode: the updated moving statistics, filled in by each BatchNorm. */
  newState: ModelState;
}

/**
 * PyTorch BatchNorm over the tensors `{prefix}/gamma|beta|moving_mean|moving_variance` [C].
 * Train: normalise with the biased batch variance, and store the new moving statistics
 * (1 - m)·moving + m·stat using the unbiased variance n / (n - 1) as torch does.
 * Eval: normalise with the moving statistics.
 *
 * @param x - [N, H, W, C] or [N, C].
 */
export function batchNormOp(
  x: tf.Tensor,
  prefix: string,
  bn: { eps: number; momentum: number },
  c: LayerContext,
): tf.Tensor {
  const gamma = need(c.params, `${prefix}/gamma`);
  const beta = need(c.params, `${prefix}/beta`);
  const meanName = `${prefix}/moving_mean`;
  const varName = `${prefix}/moving_variance`;
  const movingMean = need(c.state, meanName);
  const movingVar = need(c.state, varName);
  if (c.mode === 'eval') {
    return tf.batchNorm(x, movingMean, movingVar, beta, gamma, bn.eps);
  }
  const axes = bnAxes(x.rank);
  const { mean, variance } = tf.moments(x, axes);
  const n = axes.reduce((a, ax) => a * x.shape[ax]!, 1);
  // n = 1 gives an infinite unbiased variance in torch too (it raises); keep the biased one.
  const unbiased = n > 1 ? variance.mul(n / (n - 1)) : variance;
  const m = bn.momentum;
  c.newState[meanName] = movingMean.mul(1 - m).add(mean.mul(m));
  c.newState[varName] = movingVar.mul(1 - m).add(unbiased.mul(m));
  return tf.batchNorm(x, mean, variance, beta, gamma, bn.eps);
}

/** Standard normal CDF Φ(x) = (1 + erf(x/√2)) / 2. */
export function normalCdf(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1), 0.5);
}

/** Exact GELU x·Φ(x), as PyTorch's `nn.GELU()` (approximate='none'). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, normalCdf(x));
}

/** The element-wise activations and pools (layers without weights or shape arithmetic). */
export function pointwise(
  x: tf.Tensor,
  layer: Extract<LayerSpec, { type: 'relu' | 'tanh' | 'gelu' | 'maxpool' | 'avgpool' }>,
): tf.Tensor {
  switch (layer.type) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'gelu':
      return gelu(x);
    case 'maxpool':
      return tf.maxPool(x as tf.Tensor4D, layer.size, layer.size, 'valid');
    case 'avgpool':
      return tf.avgPool(x as tf.Tensor4D, layer.size, layer.size, 'valid');
  }
}
