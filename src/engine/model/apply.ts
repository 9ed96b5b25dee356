import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, Mode, ModelSpec, ModelState, Params } from '../types';

/** Result of a forward pass. */
export interface ApplyResult {
  /** [N, classes] unnormalised scores. */
  logits: tf.Tensor2D;
  /**
   * `eval`: the input `state` object itself (same tensors, nothing new to dispose).
   * `train`: a new map whose BatchNorm entries are all new tensors owned by the caller.
   */
  state: ModelState;
}

function need(map: Params | ModelState, name: string): tf.Tensor {
  const t = map[name];
  if (!t) throw new Error(`missing tensor ${name}`);
  return t;
}

/** Axes reduced by BatchNorm: everything but channels (N, H, W for images, N for features). */
function bnAxes(rank: number): number[] {
  return rank === 4 ? [0, 1, 2] : [0];
}

/**
 * PyTorch BatchNorm. Train: normalise with the biased batch variance, and return the new moving
 * statistics (1 - m)·moving + m·stat using the unbiased variance n / (n - 1) as torch does.
 * Eval: normalise with the moving statistics.
 */
function batchNorm(
  x: tf.Tensor,
  i: number,
  layer: Extract<LayerSpec, { type: 'batchnorm' }>,
  params: Params,
  state: ModelState,
  mode: Mode,
  newState: ModelState,
): tf.Tensor {
  const gamma = need(params, `layer${i}/gamma`);
  const beta = need(params, `layer${i}/beta`);
  const meanName = `layer${i}/moving_mean`;
  const varName = `layer${i}/moving_variance`;
  const movingMean = need(state, meanName);
  const movingVar = need(state, varName);
  if (mode === 'eval') {
    return tf.batchNorm(x, movingMean, movingVar, beta, gamma, layer.eps);
  }
  const axes = bnAxes(x.rank);
  const { mean, variance } = tf.moments(x, axes);
  const n = axes.reduce((a, ax) => a * x.shape[ax]!, 1);
  // n = 1 gives an infinite unbiased variance in torch too (it raises); keep the biased one.
  const unbiased = n > 1 ? variance.mul(n / (n - 1)) : variance;
  const m = layer.momentum;
  newState[meanName] = movingMean.mul(1 - m).add(mean.mul(m));
  newState[varName] = movingVar.mul(1 - m).add(unbiased.mul(m));
  return tf.batchNorm(x, mean, variance, beta, gamma, layer.eps);
}

function denseOrConv(x: tf.Tensor, i: number, layer: LayerSpec, params: Params): tf.Tensor {
  const kernel = need(params, `layer${i}/kernel`);
  let y: tf.Tensor;
  if (layer.type === 'conv2d') {
    y = tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, 1, layer.padding);
  } else {
    y = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
  }
  const hasBias = (layer.type === 'conv2d' || layer.type === 'dense') && layer.bias;
  return hasBias ? y.add(need(params, `layer${i}/bias`)) : y;
}

function layerForward(
  x: tf.Tensor,
  i: number,
  layer: LayerSpec,
  params: Params,
  state: ModelState,
  mode: Mode,
  newState: ModelState,
): tf.Tensor {
  switch (layer.type) {
    case 'conv2d':
    case 'dense':
      return denseOrConv(x, i, layer, params);
    case 'relu':
      return tf.relu(x);
    case 'maxpool':
      return tf.maxPool(x as tf.Tensor4D, layer.size, layer.size, 'valid');
    case 'flatten':
      // NHWC reshape: features in H, W, C order, as the fixtures' flatten.
      return tf.reshape(x, [x.shape[0]!, -1]);
    case 'batchnorm':
      return batchNorm(x, i, layer, params, state, mode, newState);
  }
}

/**
 * Forward pass as a pure function of explicit tensors (no tf.layers, no variables), so gradients
 * can be taken with respect to any parameter map, and landscapes can evaluate w + a·d directly.
 *
 * @param spec   layer spec; parameter names are `layer{i}/kernel|bias|gamma|beta`.
 * @param params trainable tensors (see {@link paramShapes}); borrowed, never disposed.
 * @param state  BatchNorm moving statistics `layer{i}/moving_mean|moving_variance` [C]; borrowed.
 * @param x      [N, H, W, C] float32 inputs.
 * @param mode   `train`: BatchNorm uses batch statistics and returns updated moving statistics;
 *               `eval`: BatchNorm uses the moving statistics and `state` is returned as is.
 * @returns logits [N, classes] and the state (see {@link ApplyResult} for ownership).
 *          Intermediate activations are released (tidy) — gradient tapes keep what they need.
 */
export function apply(
  spec: ModelSpec,
  params: Params,
  state: ModelState,
  x: tf.Tensor4D,
  mode: Mode,
): ApplyResult {
  const newState: ModelState = {};
  const logits = tf.tidy(() => {
    let h: tf.Tensor = x;
    spec.layers.forEach((layer, i) => {
      h = layerForward(h, i, layer, params, state, mode, newState);
    });
    if (h.rank !== 2) throw new Error(`model output has rank ${h.rank}; end with flatten/dense`);
    for (const t of Object.values(newState)) tf.keep(t);
    return h as tf.Tensor2D;
  });
  if (mode === 'eval') return { logits, state };
  return { logits, state: newState };
}
