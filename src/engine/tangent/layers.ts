import * as tf from '@tensorflow/tfjs';
import { gelu, need, normalCdf } from '../model/ops';
import type { ResidualSpec } from '../../domain/model';
import type { LayerSpec, ModelState, Params } from '../types';

/**
 * Forward-mode tangents through the engine's layers: each function maps a primal input x and its
 * tangent dx (null: the input does not depend on the weights, as the data) to the output y and
 * its tangent dy = ∂y/∂x·dx + ∂y/∂θ·dθ, where dθ is the layer's slice of the direction v.
 *
 * Everything here is built from ordinary primal ops, so ONE first-order reverse pass over it
 * differentiates the directional derivative ∇L·v, i.e. gives the exact Hessian-vector product
 * (reverse over forward). TF.js cannot differentiate its own gradients through conv/pool and is
 * wrong at second order for exp/softmax, so no gradient of a gradient is ever taken here.
 */

/** A primal value and its tangent (null where the tangent is known to be zero). */
export interface Dual {
  x: tf.Tensor;
  dx: tf.Tensor | null;
}

/** The layer's parameters (primal) and their tangents (the direction). */
export interface LayerArgs {
  i: number;
  params: Params;
  tangents: Params;
  state: ModelState;
}

/**
 * A value the reverse pass must treat as constant: the ReLU and max-pool selection masks are
 * piecewise constant in the weights (zero derivative almost everywhere), and computing them
 * under `customGrad` keeps the tape from backpropagating through comparisons or through a
 * max-pool gradient.
 */
function constant(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    return { value: f(input), gradFunc: () => tf.zerosLike(input) };
  });
  return op(x);
}

const add = (a: tf.Tensor | null, b: tf.Tensor | null): tf.Tensor | null =>
  a && b ? tf.add(a, b) : (a ?? b);

function dense(d: Dual, layer: Extract<LayerSpec, { type: 'dense' }>, a: LayerArgs): Dual {
  const w = need(a.params, `layer${a.i}/kernel`) as tf.Tensor2D;
  const dw = need(a.tangents, `layer${a.i}/kernel`) as tf.Tensor2D;
  const x = d.x as tf.Tensor2D;
  let y: tf.Tensor = tf.matMul(x, w);
  let dy = add(d.dx ? tf.matMul(d.dx as tf.Tensor2D, w) : null, tf.matMul(x, dw));
  if (layer.bias) {
    y = tf.add(y, need(a.params, `layer${a.i}/bias`));
    dy = add(dy, need(a.tangents, `layer${a.i}/bias`));
  }
  return { x: y, dx: dy };
}

/** A stride-1 conv over `{prefix}/kernel` (and `{prefix}/bias` when `bias`). */
function conv(
  d: Dual,
  layer: { padding: 'valid' | 'same'; bias: boolean },
  a: LayerArgs,
  prefix = `layer${a.i}`,
): Dual {
  const k = need(a.params, `${prefix}/kernel`) as tf.Tensor4D;
  const dk = need(a.tangents, `${prefix}/kernel`) as tf.Tensor4D;
  const x = d.x as tf.Tensor4D;
  const c = (input: tf.Tensor, filter: tf.Tensor4D) =>
    tf.conv2d(input as tf.Tensor4D, filter, 1, layer.padding);
  let y: tf.Tensor = c(x, k);
  let dy = add(d.dx ? c(d.dx, k) : null, c(x, dk));
  if (layer.bias) {
    y = tf.add(y, need(a.params, `${prefix}/bias`));
    dy = add(dy, need(a.tangents, `${prefix}/bias`));
  }
  return { x: y, dx: dy };
}

function relu(d: Dual): Dual {
  // relu'(0) = 0, as TF.js's and PyTorch's ReLU gradients.
  const mask = d.dx ? constant((x) => tf.step(x, 0), d.x) : null;
  return { x: tf.relu(d.x), dx: d.dx && mask ? tf.mul(d.dx, mask) : null };
}

/**
 * tanh and exact GELU: dy = f'(x)·dx with tanh' = 1 − tanh², GELU' = Φ(x) + x·φ(x). Unlike the
 * ReLU mask, f' depends smoothly on the weights, and the reverse pass differentiates it (first
 * order, through tanh, erf and exp), which gives the f'' terms of the Hessian.
 */
function smooth(d: Dual, type: 'tanh' | 'gelu'): Dual {
  if (type === 'tanh') {
    const y = tf.tanh(d.x);
    return { x: y, dx: d.dx ? tf.mul(d.dx, tf.sub(1, tf.square(y))) : null };
  }
  if (!d.dx) return { x: gelu(d.x), dx: null };
  const pdf = tf.mul(tf.exp(tf.mul(tf.square(d.x), -0.5)), 1 / Math.sqrt(2 * Math.PI));
  const slope = tf.add(normalCdf(d.x), tf.mul(d.x, pdf));
  return { x: gelu(d.x), dx: tf.mul(d.dx, slope) };
}

/** Average pool (stride = size, 'valid'): linear, so the tangent is pooled the same way. */
function avgPool(d: Dual, size: number): Dual {
  const pool = (t: tf.Tensor) => tf.avgPool(t as tf.Tensor4D, size, size, 'valid');
  return { x: pool(d.x), dx: d.dx ? pool(d.dx) : null };
}

/**
 * 1 where an element is its window's maximum (divided by the number of tied maxima, so each
 * window's weights sum to 1), 0 elsewhere and in the rows/columns a 'valid' pool drops.
 */
function maxMask(x: tf.Tensor, size: number): tf.Tensor {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const y = tf.maxPool(x as tf.Tensor4D, size, size, 'valid');
  const [ho, wo] = [y.shape[1] * size, y.shape[2] * size];
  const spread = (t: tf.Tensor4D) => tf.image.resizeNearestNeighbor(t, [ho, wo]);
  const crop = tf.slice(x, [0, 0, 0, 0], [n, ho, wo, c]);
  const hit = tf.cast(tf.equal(crop, spread(y)), 'float32') as tf.Tensor4D;
  const count = spread(tf.mul(tf.avgPool(hit, size, size, 'valid'), size * size) as tf.Tensor4D);
  return tf.pad(tf.div(hit, count), [
    [0, 0],
    [0, h - ho],
    [0, w - wo],
    [0, 0],
  ]);
}

/**
 * Max-pool (stride = size, 'valid'): the output's tangent is the tangent at each window's
 * maximum, i.e. the masked tangent summed per window (avgPool · size²). Ties share it equally;
 * after a ReLU the usual ties are zeros whose tangents the ReLU already zeroed, as in PyTorch.
 */
function maxPool(d: Dual, size: number): Dual {
  const y = tf.maxPool(d.x as tf.Tensor4D, size, size, 'valid');
  if (!d.dx) return { x: y, dx: null };
  const picked = tf.mul(
    d.dx,
    constant((x) => maxMask(x, size), d.x),
  ) as tf.Tensor4D;
  const dy = tf.mul(tf.avgPool(picked, size, size, 'valid'), size * size);
  return { x: y, dx: dy };
}

/** Eval-mode BatchNorm `{prefix}/...` (moving statistics): affine in x, γ and β. */
function batchNorm(d: Dual, layer: { eps: number }, a: LayerArgs, prefix = `layer${a.i}`): Dual {
  const gamma = need(a.params, `${prefix}/gamma`);
  const beta = need(a.params, `${prefix}/beta`);
  const mean = need(a.state, `${prefix}/moving_mean`);
  const variance = need(a.state, `${prefix}/moving_variance`);
  const invStd = tf.rsqrt(tf.add(variance, layer.eps));
  const xhat = tf.mul(tf.sub(d.x, mean), invStd);
  const y = tf.add(tf.mul(xhat, gamma), beta);
  const dParams = tf.add(
    tf.mul(xhat, need(a.tangents, `${prefix}/gamma`)),
    need(a.tangents, `${prefix}/beta`),
  );
  const dy = add(d.dx ? tf.mul(d.dx, tf.mul(invStd, gamma)) : null, dParams);
  return { x: y, dx: dy };
}

/** The residual block of `model/residual.ts`, built from the tangents of its parts (eval mode). */
function residual(d: Dual, layer: ResidualSpec, a: LayerArgs): Dual {
  const p = `layer${a.i}`;
  const same = { padding: 'same', bias: false } as const;
  const h = relu(batchNorm(conv(d, same, a, `${p}/conv1`), layer, a, `${p}/bn1`));
  const main = batchNorm(conv(h, same, a, `${p}/conv2`), layer, a, `${p}/bn2`);
  if (layer.skip === 'none') return relu(main);
  const short =
    layer.skip === 'identity'
      ? d
      : batchNorm(conv(d, same, a, `${p}/skip`), layer, a, `${p}/skip_bn`);
  return relu({ x: tf.add(main.x, short.x), dx: add(main.dx, short.dx) });
}

/**
 * One layer's primal output and tangent (eval mode).
 *
 * @param d - input [N, H, W, C] or [N, D] and its tangent (same shape) or null.
 * @returns output and tangent, same shapes as the layer's forward pass in `model/apply.ts`.
 */
export function layerTangent(d: Dual, layer: LayerSpec, a: LayerArgs): Dual {
  switch (layer.type) {
    case 'dense':
      return dense(d, layer, a);
    case 'conv2d':
      return conv(d, layer, a);
    case 'relu':
      return relu(d);
    case 'tanh':
    case 'gelu':
      return smooth(d, layer.type);
    case 'maxpool':
      return maxPool(d, layer.size);
    case 'avgpool':
      return avgPool(d, layer.size);
    case 'batchnorm':
      return batchNorm(d, layer, a);
    case 'residual':
      return residual(d, layer, a);
    case 'flatten': {
      const n = d.x.shape[0]!;
      return { x: tf.reshape(d.x, [n, -1]), dx: d.dx ? tf.reshape(d.dx, [n, -1]) : null };
    }
  }
}
