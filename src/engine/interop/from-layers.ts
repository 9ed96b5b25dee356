/**
 * A TF.js LayersModel (what `tensorflowjs_converter` writes from Keras, or `model.save` in TF.js)
 * as an engine model: its spec, trainable params and BatchNorm state, so an imported network is
 * measured like any trained run. Only chains of layers the engine has are taken; anything else is
 * refused with the names of the layers that are not supported.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, ModelSpec, ModelState, Params } from '../types';

/** An imported model; `notes` say what changed on the way (e.g. a final softmax left to the loss). */
export interface ConvertedModel {
  spec: ModelSpec;
  params: Params;
  state: ModelState;
  notes: string[];
}

type Config = Record<string, unknown>;

/** A layer turned into engine layers, or why it cannot be. */
type Mapped = { layers: LayerSpec[]; note?: string } | { unsupported: string };

const pair = (v: unknown): number[] =>
  Array.isArray(v) ? (v as number[]) : [v as number, v as number];

/** The engine layers of a Keras activation name; softmax only as the model's last step. */
function activation(name: unknown, last: boolean): Mapped {
  if (name === undefined || name === null || name === 'linear') return { layers: [] };
  if (name === 'relu') return { layers: [{ type: 'relu' }] };
  if (name === 'softmax' && last)
    return {
      layers: [],
      note: 'the final softmax is left to the loss (the engine outputs logits)',
    };
  return { unsupported: `activation '${String(name)}'` };
}

function conv2d(c: Config, last: boolean): Mapped {
  const [kh, kw] = pair(c.kernelSize);
  const strides = pair(c.strides ?? 1);
  const dilation = pair(c.dilationRate ?? 1);
  if (kh !== kw) return { unsupported: `a ${kh}×${kw} kernel (square kernels only)` };
  if (strides.some((s) => s !== 1))
    return { unsupported: `strides ${strides.join('×')} (stride 1 only)` };
  if (dilation.some((d) => d !== 1)) return { unsupported: 'dilation' };
  if (c.dataFormat === 'channelsFirst') return { unsupported: 'channels-first data' };
  const padding = c.padding === 'same' ? 'same' : c.padding === 'valid' ? 'valid' : null;
  if (!padding) return { unsupported: `padding '${String(c.padding)}'` };
  const act = activation(c.activation, last);
  if ('unsupported' in act) return act;
  const conv: LayerSpec = {
    type: 'conv2d',
    filters: c.filters as number,
    kernel: kh!,
    padding,
    bias: c.useBias !== false,
  };
  return { layers: [conv, ...act.layers], note: act.note };
}

function dense(c: Config, last: boolean): Mapped {
  const act = activation(c.activation, last);
  if ('unsupported' in act) return act;
  const layer: LayerSpec = { type: 'dense', units: c.units as number, bias: c.useBias !== false };
  return { layers: [layer, ...act.layers], note: act.note };
}

function maxPool(c: Config): Mapped {
  const [ph, pw] = pair(c.poolSize ?? 2);
  const strides = c.strides === null || c.strides === undefined ? [ph, pw] : pair(c.strides);
  if (ph !== pw || strides[0] !== ph || strides[1] !== pw)
    return { unsupported: 'pooling other than square windows with stride = size' };
  if (c.padding !== undefined && c.padding !== 'valid')
    return { unsupported: "pooling padding 'same'" };
  return { layers: [{ type: 'maxpool', size: ph! }] };
}

function batchNorm(c: Config): Mapped {
  const axis = c.axis;
  if (axis !== -1 && axis !== 3 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1))
    return { unsupported: `normalisation over axis ${JSON.stringify(axis)} (channels only)` };
  if (c.center === false || c.scale === false)
    return { unsupported: 'BatchNormalization without center or scale' };
  // Keras keeps `momentum` of the old statistics; the engine (as PyTorch) weighs the new batch.
  const momentum = 1 - ((c.momentum as number | undefined) ?? 0.99);
  return {
    layers: [{ type: 'batchnorm', eps: (c.epsilon as number | undefined) ?? 1e-3, momentum }],
  };
}

/** One Keras layer (class name and config) as engine layers. */
function mapLayer(className: string, c: Config, last: boolean): Mapped {
  switch (className) {
    case 'Conv2D':
      return conv2d(c, last);
    case 'Dense':
      return dense(c, last);
    case 'MaxPooling2D':
      return maxPool(c);
    case 'BatchNormalization':
      return batchNorm(c);
    case 'Flatten':
      return { layers: [{ type: 'flatten' }] };
    case 'Activation':
      return activation(c.activation, last);
    case 'ReLU':
      return c.maxValue === null || c.maxValue === undefined
        ? { layers: [{ type: 'relu' }] }
        : { unsupported: 'ReLU with a ceiling' };
    case 'Dropout':
      return {
        layers: [],
        note: 'dropout is left out (the engine trains and evaluates without it)',
      };
    case 'InputLayer':
      return { layers: [] };
    default:
      return { unsupported: 'this layer type' };
  }
}

/** The input shape [H, W, C]; a flat [D] input becomes [1, 1, D] followed by a flatten. */
function inputShape(model: tf.LayersModel): { input: [number, number, number]; flat: boolean } {
  if (model.inputs.length !== 1 || model.outputs.length !== 1)
    throw new Error('only models with one input and one output can be imported');
  const dims = model.inputs[0]!.shape.slice(1);
  if (dims.some((d) => d === null)) throw new Error('the input shape must be fully known');
  if (dims.length === 3) return { input: dims as [number, number, number], flat: false };
  if (dims.length === 1) return { input: [1, 1, dims[0] as number], flat: true };
  throw new Error(
    `inputs of shape [${dims.join(', ')}] cannot be imported (HWC images or flat vectors)`,
  );
}

/** Refuses a functional model whose layers do not form one chain (branches, skips). */
function checkChain(model: tf.LayersModel): void {
  model.layers.forEach((layer, i) => {
    if (i === 0) return;
    const nodes = (layer as unknown as { inboundNodes: { inboundLayers: unknown[] }[] })
      .inboundNodes;
    const from = nodes[0]?.inboundLayers ?? [];
    if (nodes.length !== 1 || from.length !== 1 || from[0] !== model.layers[i - 1])
      throw new Error(
        `layer ${layer.name} is not fed by the layer before it: only chains of layers can be imported`,
      );
  });
}

/** The engine tensor names of a Keras layer's weights (getWeights order), given its first engine layer. */
function weightNames(first: LayerSpec | undefined, index: number): string[] {
  if (!first) return [];
  if (first.type === 'conv2d' || first.type === 'dense')
    return first.bias ? [`layer${index}/kernel`, `layer${index}/bias`] : [`layer${index}/kernel`];
  if (first.type === 'batchnorm')
    return ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((n) => `layer${index}/${n}`);
  return [];
}

/**
 * Converts a loaded LayersModel. Throws one error naming every layer that cannot be taken.
 * Borrows `model`; the returned tensors are new (kernels [kh, kw, in, out] and [in, out], as Keras).
 */
export function fromLayersModel(model: tf.LayersModel): ConvertedModel {
  checkChain(model);
  const { input, flat } = inputShape(model);
  const layers: LayerSpec[] = flat ? [{ type: 'flatten' }] : [];
  const params: Params = {};
  const state: ModelState = {};
  const notes: string[] = [];
  const problems: string[] = [];
  const weighted = model.layers.filter((l) => l.getWeights().length > 0);
  model.layers.forEach((layer, i) => {
    const last = i === model.layers.length - 1;
    const mapped = mapLayer(layer.getClassName(), layer.getConfig() as Config, last);
    if ('unsupported' in mapped) {
      problems.push(`${layer.name} (${layer.getClassName()}: ${mapped.unsupported})`);
      return;
    }
    if (mapped.note) notes.push(`${layer.name}: ${mapped.note}`);
    const names = weightNames(mapped.layers[0], layers.length);
    const weights = layer.getWeights();
    if (weights.length !== names.length && weighted.includes(layer))
      problems.push(`${layer.name} (${weights.length} weight tensors, expected ${names.length})`);
    else
      names.forEach((name, k) => {
        const into = /moving_/.test(name) ? state : params;
        into[name] = tf.clone(weights[k]!);
      });
    layers.push(...mapped.layers);
  });
  if (problems.length > 0) {
    tf.dispose([...Object.values(params), ...Object.values(state)]);
    throw new Error(`Unsupported layers: ${problems.join('; ')}`);
  }
  return { spec: { input, layers }, params, state, notes };
}
