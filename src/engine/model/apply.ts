import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, Mode, ModelSpec, ModelState, Params } from '../types';
import { batchNormOp, need, pointwise, type LayerContext } from './ops';
import { residualForward } from './residual';

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

/** What a conv/dense layer may fold into its own kernel (see {@link forwardLayers}). */
interface Fusion {
  /** Use tf.fused ops (bias in the same kernel). */
  fused: boolean;
  /** The following ReLU is folded in as well (only outside gradient recording, see below). */
  relu: boolean;
}

function denseOrConv(
  x: tf.Tensor,
  i: number,
  layer: Extract<LayerSpec, { type: 'conv2d' | 'dense' }>,
  params: Params,
  fusion: Fusion,
): tf.Tensor {
  const kernel = need(params, `layer${i}/kernel`);
  const bias = layer.bias ? need(params, `layer${i}/bias`) : undefined;
  const activation = fusion.relu ? 'relu' : 'linear';
  if (layer.type === 'conv2d') {
    if (fusion.fused) {
      const filter = kernel as tf.Tensor4D;
      return tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter,
        strides: 1,
        pad: layer.padding,
        bias,
        activation,
      });
    }
    const y = tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, 1, layer.padding);
    return bias ? y.add(bias) : y;
  }
  if (fusion.fused) {
    return tf.fused.matMul({ a: x as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation });
  }
  const y = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
  return bias ? y.add(bias) : y;
}

function layerForward(
  x: tf.Tensor,
  i: number,
  layer: LayerSpec,
  c: LayerContext,
  fusion: Fusion,
): tf.Tensor {
  switch (layer.type) {
    case 'conv2d':
    case 'dense':
      return denseOrConv(x, i, layer, c.params, fusion);
    case 'flatten':
      // NHWC reshape: features in H, W, C order, as the fixtures' flatten.
      return tf.reshape(x, [x.shape[0]!, -1]);
    case 'batchnorm':
      return batchNormOp(x, `layer${i}`, layer, c);
    case 'residual':
      return residualForward(x, i, layer, c);
    default:
      return pointwise(x, layer);
  }
}

/**
 * Runs the layers, folding bias (and, without a gradient tape, the next ReLU) into tf.fused
 * kernels as tf.layers does: fewer kernels and tape nodes per step, same values. Under a
 * gradient tape TF.js 4.22 only fuses linear activations (its fused ReLU gradient is not used),
 * and a fused op's gradient computes the input derivative eagerly, so the first weighted layer
 * (whose input is the data) keeps the plain ops there: its input derivative would be wasted.
 */
function forwardLayers(
  spec: ModelSpec,
  params: Params,
  state: ModelState,
  x: tf.Tensor4D,
  mode: Mode,
  newState: ModelState,
  fuse: boolean,
): tf.Tensor {
  const taping = tf.engine().state.gradientDepth > 0;
  const c: LayerContext = { params, state, mode, newState };
  let h: tf.Tensor = x;
  let fromData = true;
  for (let i = 0; i < spec.layers.length; i++) {
    const layer = spec.layers[i]!;
    const weighted = layer.type === 'conv2d' || layer.type === 'dense';
    const fused = fuse && weighted && !(taping && fromData);
    const relu = fused && !taping && spec.layers[i + 1]?.type === 'relu';
    h = layerForward(h, i, layer, c, { fused, relu });
    if (weighted || layer.type === 'batchnorm' || layer.type === 'residual') fromData = false;
    if (relu) i += 1; // the ReLU ran inside the fused kernel
  }
  return h;
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
 * @param opts   `fused: false` runs every layer with plain ops (the reference the fused path
 *               is tested against); default `true`.
 * @returns logits [N, classes] and the state (see {@link ApplyResult} for ownership).
 *          Intermediate activations are released (tidy) — gradient tapes keep what they need.
 */
export function apply(
  spec: ModelSpec,
  params: Params,
  state: ModelState,
  x: tf.Tensor4D,
  mode: Mode,
  opts: { fused?: boolean } = {},
): ApplyResult {
  const newState: ModelState = {};
  const logits = tf.tidy(() => {
    const h = forwardLayers(spec, params, state, x, mode, newState, opts.fused ?? true);
    if (h.rank !== 2) throw new Error(`model output has rank ${h.rank}; end with flatten/dense`);
    for (const t of Object.values(newState)) tf.keep(t);
    return h as tf.Tensor2D;
  });
  if (mode === 'eval') return { logits, state };
  return { logits, state: newState };
}
