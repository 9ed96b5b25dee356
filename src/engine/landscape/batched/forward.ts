import * as tf from '@tensorflow/tfjs';
import type { ResidualSpec } from '../../../domain/model';
import { gelu } from '../../model/ops';
import type { LayerSpec, ModelSpec, ModelState, Params } from '../../types';

/**
 * Forward pass of K weight sets of one model in ONE pass over the same inputs.
 *
 * Activations are kept in one of three layouts, so every op stays a single backend kernel:
 * - `shared`: identical for all K points (the input, until the first layer with weights);
 * - `image`: [N, H, W, K·C], channel k·C + c belongs to point k ("grouped" channels), so ReLU,
 *   max-pooling and BatchNorm act on each group independently without any reshaping;
 * - `features`: [K, N, F], so dense layers are one batched matMul [K, N, F] × [K, F, U].
 */
type Act =
  | { kind: 'shared'; t: tf.Tensor }
  | { kind: 'image'; t: tf.Tensor4D; c: number }
  | { kind: 'features'; t: tf.Tensor3D };

function need(map: Params | ModelState, name: string): tf.Tensor {
  const t = map[name];
  if (!t) throw new Error(`missing tensor ${name}`);
  return t;
}

/** Kernels [K, kh, kw, Cin, Cout] as one conv filter [kh, kw, Cin, K·Cout] (shared input). */
function concatFilters(kernel: tf.Tensor, k: number): tf.Tensor4D {
  const [, kh, kw, cin, cout] = kernel.shape as number[];
  const t = tf.transpose(tf.reshape(kernel, [k, kh! * kw! * cin!, cout!]), [1, 0, 2]);
  return tf.reshape(t, [kh!, kw!, cin!, k * cout!]);
}

/**
 * Grouped convolution by a depthwise conv: input [N, H, W, K·Cin] with filter
 * [kh, kw, K·Cin, Cout] (channel multiplier Cout) gives [N, H', W', K·Cin·Cout], output channel
 * (k·Cin + c)·Cout + o = point k's input channel c convolved with its filter [:, :, c, o].
 * Summing over c yields point k's conv output (up to summation order). The sum is a matMul with
 * the 0/1 matrix [Cin·Cout, Cout] = Cin stacked identities: a reduction over the middle axis
 * needs a transpose of the Cin-times-larger tensor first, which made the whole batched forward
 * pass ~5× slower on WebGPU (SwiftShader).
 * (0·x is exact, so this is the plain sum unless an activation is ±∞, where it gives NaN.)
 * Reshapes keep every tensor at rank ≤ 4 for the GPU backends.
 */
function groupedConv(x: tf.Tensor4D, kernel: tf.Tensor, k: number, pad: 'valid' | 'same') {
  const [, kh, kw, cin, cout] = kernel.shape as number[];
  const f = tf.transpose(tf.reshape(kernel, [k, kh! * kw!, cin!, cout!]), [1, 0, 2, 3]);
  const y = tf.depthwiseConv2d(x, tf.reshape(f, [kh!, kw!, k * cin!, cout!]), 1, pad);
  const [n, h, w] = y.shape;
  const sumOverCin = tf.tile(tf.eye(cout!), [cin!, 1]); // [Cin·Cout, Cout]
  const summed = tf.matMul(tf.reshape(y, [n * h * w * k, cin! * cout!]), sumOverCin);
  return tf.reshape(summed, [n, h, w, k * cout!]);
}

/** A conv over `{name}/kernel` [K, kh, kw, Cin, Cout] (and `{name}/bias` [K, Cout]). */
function conv(
  a: Act,
  name: string,
  layer: { filters: number; padding: 'valid' | 'same'; bias: boolean },
  p: Params,
  k: number,
): Act {
  const kernel = need(p, `${name}/kernel`);
  let y: tf.Tensor4D;
  if (a.kind === 'shared') {
    y = tf.conv2d(a.t as tf.Tensor4D, concatFilters(kernel, k), 1, layer.padding);
  } else if (a.kind === 'image') {
    y = groupedConv(a.t, kernel, k, layer.padding) as tf.Tensor4D;
  } else throw new Error(`${name} (conv2d) needs an image input`);
  // Bias [K, Cout] flattens to [K·Cout], matching the grouped channel order k·Cout + o.
  if (layer.bias) y = tf.add(y, tf.reshape(need(p, `${name}/bias`), [-1])) as tf.Tensor4D;
  return { kind: 'image', t: y, c: layer.filters };
}

function dense(a: Act, i: number, layer: LayerSpec & { type: 'dense' }, p: Params, k: number): Act {
  const kernel = need(p, `layer${i}/kernel`); // [K, F, U]
  const [, f, u] = kernel.shape as number[];
  let y: tf.Tensor3D;
  if (a.kind === 'shared') {
    // One wide matMul [N, F] × [F, K·U] instead of K small ones: the input is the same for all.
    const wide = tf.reshape(tf.transpose(kernel, [1, 0, 2]), [f!, k * u!]);
    const out = tf.matMul(a.t as tf.Tensor2D, wide);
    y = tf.transpose(tf.reshape(out, [out.shape[0], k, u!]), [1, 0, 2]);
  } else if (a.kind === 'features') {
    y = tf.matMul(a.t, kernel as tf.Tensor3D);
  } else throw new Error(`layer${i} (dense) needs a flat input`);
  if (layer.bias) y = tf.add(y, tf.reshape(need(p, `layer${i}/bias`), [k, 1, u!]));
  return { kind: 'features', t: y };
}

function flatten(a: Act, k: number): Act {
  if (a.kind === 'shared') return { kind: 'shared', t: tf.reshape(a.t, [a.t.shape[0]!, -1]) };
  if (a.kind === 'features') return a;
  // [N, H, W, K·C] → [K, N, H·W·C], features in H, W, C order as the per-point flatten.
  const [n, h, w] = a.t.shape;
  const t = tf.transpose(tf.reshape(a.t, [n, h * w, k, a.c]), [2, 0, 1, 3]);
  return { kind: 'features', t: tf.reshape(t, [k, n, h * w * a.c]) };
}

/** Gives a shared activation its K copies (before a layer whose weights differ per point). */
function grouped(a: Act, k: number): Exclude<Act, { kind: 'shared' }> {
  if (a.kind !== 'shared') return a;
  if (a.t.rank === 4) {
    const c = a.t.shape[3]!;
    return { kind: 'image', t: tf.tile(a.t as tf.Tensor4D, [1, 1, 1, k]), c };
  }
  return { kind: 'features', t: tf.tile(tf.expandDims(a.t, 0), [k, 1, 1]) as tf.Tensor3D };
}

/** Moving statistic [C] (shared by all points) or [K, C] (per point) as a [K·C] vector. */
function perGroup(stat: tf.Tensor, k: number): tf.Tensor1D {
  return (stat.rank === 1 ? tf.tile(stat, [k]) : tf.reshape(stat, [-1])) as tf.Tensor1D;
}

/** Eval-mode BatchNorm with per-point gamma/beta [K, C] and shared or per-point statistics. */
function batchNorm(a: Act, name: string, eps: number, p: Params, s: ModelState, k: number): Act {
  const g = grouped(a, k);
  const [gamma, beta] = [need(p, `${name}/gamma`), need(p, `${name}/beta`)];
  const mean = perGroup(need(s, `${name}/moving_mean`), k);
  const variance = perGroup(need(s, `${name}/moving_variance`), k);
  if (g.kind === 'image') {
    // Same kernel as the per-point path, on K·C channels.
    const [offset, scale] = [tf.reshape(beta, [-1]), tf.reshape(gamma, [-1])];
    return { ...g, t: tf.batchNorm(g.t, mean, variance, offset, scale, eps) as tf.Tensor4D };
  }
  const c = g.t.shape[2];
  const col = (t: tf.Tensor) => tf.reshape(t, [k, 1, c]);
  const inv = tf.rsqrt(tf.add(col(variance), eps));
  const t = tf.add(tf.mul(tf.mul(tf.sub(g.t, col(mean)), inv), col(gamma)), col(beta));
  return { kind: 'features', t: t as tf.Tensor3D };
}

function mapAct(a: Act, fn: (t: tf.Tensor) => tf.Tensor): Act {
  return { ...a, t: fn(a.t) } as Act;
}

/** The residual block of `model/residual.ts` (eval mode) on grouped channels. */
function residual(a: Act, i: number, layer: ResidualSpec, p: Params, s: ModelState, k: number) {
  const n = `layer${i}`;
  const c = { filters: layer.filters, padding: 'same', bias: false } as const;
  const relu = (t: Act) => mapAct(t, (u) => tf.relu(u));
  const h = relu(batchNorm(conv(a, `${n}/conv1`, c, p, k), `${n}/bn1`, layer.eps, p, s, k));
  const main = batchNorm(conv(h, `${n}/conv2`, c, p, k), `${n}/bn2`, layer.eps, p, s, k);
  if (layer.skip === 'none') return relu(main);
  const short =
    layer.skip === 'identity'
      ? grouped(a, k)
      : batchNorm(conv(a, `${n}/skip`, c, p, k), `${n}/skip_bn`, layer.eps, p, s, k);
  return relu(mapAct(main, (t) => tf.add(t, short.t)));
}

function pool(a: Act, i: number, layer: LayerSpec & { type: 'maxpool' | 'avgpool' }): Act {
  if (a.kind === 'features') throw new Error(`layer${i} (${layer.type}) needs an image input`);
  const op = layer.type === 'maxpool' ? tf.maxPool : tf.avgPool;
  return mapAct(a, (t) => op(t as tf.Tensor4D, layer.size, layer.size, 'valid'));
}

function layerForward(a: Act, i: number, layer: LayerSpec, p: Params, s: ModelState, k: number) {
  switch (layer.type) {
    case 'conv2d':
      return conv(a, `layer${i}`, layer, p, k);
    case 'dense':
      return dense(a, i, layer, p, k);
    case 'relu':
      return mapAct(a, (t) => tf.relu(t));
    case 'tanh':
      return mapAct(a, (t) => tf.tanh(t));
    case 'gelu':
      return mapAct(a, gelu);
    case 'maxpool':
    case 'avgpool':
      return pool(a, i, layer);
    case 'flatten':
      return flatten(a, k);
    case 'batchnorm':
      return batchNorm(a, `layer${i}`, layer.eps, p, s, k);
    case 'residual':
      return residual(a, i, layer, p, s, k);
  }
}

/**
 * Eval-mode logits of K weight sets on the same inputs, in one forward pass.
 *
 * @param spec    the model (as for `apply`).
 * @param stacked the K weight sets stacked on a new leading axis: `layer{i}/kernel`
 *                [K, kh, kw, Cin, Cout] or [K, F, U], `bias`/`gamma`/`beta` [K, C]; borrowed.
 * @param state   BatchNorm moving statistics, [C] shared by all points or [K, C]; borrowed.
 * @param x       [N, H, W, C] float32 inputs, shared by all points.
 * @param k       K, the number of weight sets.
 * @returns logits [K, N, classes] (new tensor; intermediates are freed). Point k's slice equals
 *          `apply(spec, params_k, state, x, 'eval').logits` up to float32 rounding.
 */
export function applyBatched(
  spec: ModelSpec,
  stacked: Params,
  state: ModelState,
  x: tf.Tensor4D,
  k: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    let a: Act = { kind: 'shared', t: x };
    spec.layers.forEach((layer, i) => {
      a = layerForward(a, i, layer, stacked, state, k);
    });
    const out = grouped(a, k);
    if (out.kind !== 'features') throw new Error('model output must be flat; end with dense');
    return out.t;
  });
}

/**
 * Largest number of floats one sample occupies in any single intermediate of
 * {@link applyBatched} (the depthwise conv's [H', W', K·Cin·Cout] output dominates), so callers
 * can bound memory by chunking the samples.
 */
export function batchedElementsPerSample(spec: ModelSpec, k: number): number {
  let [h, w, c] = spec.input;
  let shared = true;
  let most = h * w * c;
  for (const layer of spec.layers) {
    if (layer.type === 'conv2d') {
      const pad = layer.padding === 'same' ? 0 : layer.kernel - 1;
      [h, w] = [h - pad, w - pad];
      most = Math.max(most, h * w * k * (shared ? 1 : c) * layer.filters);
      [c, shared] = [layer.filters, false];
    } else if (layer.type === 'residual') {
      // conv1 on a shared input is one wide conv; grouped, each conv is Cin (or F) times wider.
      most = Math.max(most, h * w * k * (shared ? 1 : Math.max(c, layer.filters)) * layer.filters);
      [c, shared] = [layer.filters, false];
    } else if (layer.type === 'maxpool' || layer.type === 'avgpool') {
      [h, w] = [Math.floor(h / layer.size), Math.floor(w / layer.size)];
    } else if (layer.type === 'dense') {
      most = Math.max(most, k * layer.units);
      shared = false;
    }
  }
  return most;
}
