import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../domain/random';
import type { ModelSpec, ModelState, Params } from '../types';
import { paramShapes, stateShapes, type ParamInfo } from './params';

/** Freshly initialised tensors, all owned by the caller. */
export interface InitResult {
  params: Params;
  state: ModelState;
}

/**
 * True when the first non-BatchNorm layer after `layer` is a ReLU or GELU (the He-init
 * condition), and for a residual block's own convs, which all feed a ReLU through BatchNorm (as
 * the torch ResNets' kaiming_normal_ init). tanh keeps Glorot, the init derived for it.
 */
function feedsRelu(spec: ModelSpec, layer: number): boolean {
  if (spec.layers[layer]?.type === 'residual') return true;
  for (let j = layer + 1; j < spec.layers.length; j++) {
    const t = spec.layers[j]!.type;
    if (t === 'batchnorm') continue;
    return t === 'relu' || t === 'gelu';
  }
  return false;
}

function initKernel(spec: ModelSpec, p: ParamInfo, seed: number): tf.Tensor {
  const fanOut = p.shape[p.shape.length - 1]!;
  const fanIn = p.shape.reduce((a, b) => a * b, 1) / fanOut;
  const s = deriveSeed(seed, p.name);
  if (feedsRelu(spec, p.layer)) {
    // He normal, fan_in, as torch.nn.init.kaiming_normal_(nonlinearity='relu'): N(0, 2 / fan_in).
    return tf.randomNormal(p.shape, 0, Math.sqrt(2 / fanIn), 'float32', s);
  }
  // Layers not followed by a ReLU (the classifier): Glorot uniform, U(±sqrt(6 / (fan_in + fan_out))).
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform(p.shape, -limit, limit, 'float32', s);
}

/**
 * Initialises a model deterministically from `seed`: every tensor has its own seed derived from
 * its name with {@link deriveSeed}, so the same seed always gives the same weights, and changing
 * one layer does not reshuffle the others.
 *
 * - conv2d/dense kernels feeding a ReLU or GELU (possibly through BatchNorm) and a residual
 *   block's convs: He normal N(0, 2 / fan_in), fan_in = kh·kw·in for conv [kh, kw, in, out],
 *   in for dense [in, out];
 * - other kernels (the final classifier, before tanh): Glorot uniform;
 * - biases 0, BatchNorm gamma 1 / beta 0, moving mean 0 / moving variance 1 (torch defaults).
 */
export function initModel(spec: ModelSpec, seed: number): InitResult {
  const params: Params = {};
  for (const p of paramShapes(spec)) {
    if (p.kind === 'kernel') params[p.name] = initKernel(spec, p, seed);
    else if (p.kind === 'gamma') params[p.name] = tf.ones(p.shape);
    else params[p.name] = tf.zeros(p.shape);
  }
  const state: ModelState = {};
  for (const s of stateShapes(spec)) {
    state[s.name] = s.kind === 'moving_mean' ? tf.zeros(s.shape) : tf.ones(s.shape);
  }
  return { params, state };
}
