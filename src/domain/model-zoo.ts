/** The built-in architectures as plain data (TF-free: the engine builds them, files are checked against them). */
import type { ModelId } from './api';
import { activationShapes } from './model';
import type { LayerSpec, ModelSpec } from './model';

/** The model of a run (`TrainConfig`): a built-in one, or the model builder's layers. */
export interface ModelChoice {
  model: ModelId | 'custom';
  /** `custom` only: the layers before the classifier, which the dataset sets ({@link modelSpecFor}). */
  layers?: LayerSpec[];
}

/** Identifier of a built-in architecture: the contract's `ModelId`, one list of names. */
export type ZooModelId = ModelId;

/** A built-in architecture: a label for the UI and a spec builder. */
export interface ZooEntry {
  label: string;
  /** Builds the spec for input [H, W, C] (e.g. [28, 28, 1]) and `classes` outputs. */
  spec(input: [number, number, number], classes?: number): ModelSpec;
}

const relu: LayerSpec = { type: 'relu' };
const flatten: LayerSpec = { type: 'flatten' };
const pool2: LayerSpec = { type: 'maxpool', size: 2 };
const conv = (
  filters: number,
  kernel: number,
  padding: 'valid' | 'same',
  bias = true,
): LayerSpec => ({
  type: 'conv2d',
  filters,
  kernel,
  padding,
  bias,
});
const dense = (units: number): LayerSpec => ({ type: 'dense', units, bias: true });
// torch.nn.BatchNorm2d defaults, so numbers match a PyTorch re-implementation.
const bn: LayerSpec = { type: 'batchnorm', eps: 1e-5, momentum: 0.1 };

/**
 * Built-in models. Parameter counts for [28, 28, 1] and 10 classes:
 * mlp 50,890; tiny-cnn 5,258; lenet5 61,706; bn-cnn 5,282 (48 of them BatchNorm gamma/beta).
 */
export const MODEL_ZOO: Record<ZooModelId, ZooEntry> = {
  mlp: {
    label: 'MLP (784-64-10)',
    spec: (input, classes = 10) => ({ input, layers: [flatten, dense(64), relu, dense(classes)] }),
  },
  'tiny-cnn': {
    label: 'Tiny CNN (~5k params)',
    spec: (input, classes = 10) => ({
      input,
      layers: [
        conv(8, 3, 'valid'),
        relu,
        pool2,
        conv(16, 3, 'valid'),
        relu,
        pool2,
        flatten,
        dense(classes),
      ],
    }),
  },
  lenet5: {
    label: 'LeNet-5',
    spec: (input, classes = 10) => ({
      input,
      layers: [
        ...[conv(6, 5, 'same'), relu, pool2, conv(16, 5, 'valid'), relu, pool2, flatten],
        ...[dense(120), relu, dense(84), relu, dense(classes)],
      ],
    }),
  },
  'bn-cnn': {
    label: 'CNN + BatchNorm',
    spec: (input, classes = 10) => ({
      input,
      // Conv bias is redundant before BatchNorm (beta plays its role), as in torch practice.
      layers: [
        ...[conv(8, 3, 'valid', false), bn, relu, pool2],
        ...[conv(16, 3, 'valid', false), bn, relu, pool2, flatten, dense(classes)],
      ],
    }),
  },
};

/**
 * The model a run trains: the zoo's spec, or the builder's layers closed by the classifier (a
 * flatten when the layers end on an image, then dense with one unit per class).
 *
 * @param input - [H, W, C] of the dataset's samples; @param classes - the dataset's classes.
 * @throws when `model` is `custom` without layers.
 */
export function modelSpecFor(
  config: ModelChoice,
  input: [number, number, number],
  classes: number,
): ModelSpec {
  if (config.model !== 'custom') return MODEL_ZOO[config.model].spec(input, classes);
  if (!config.layers) throw new Error('a custom model needs its layers');
  const layers = [...config.layers];
  const body: ModelSpec = { input, layers };
  let out: number[] = input;
  try {
    out = activationShapes(body).at(-1)!;
  } catch {
    // The caller's activationShapes of the whole spec reports the problem with its layer.
  }
  if (out.length === 3) layers.push(flatten);
  layers.push(dense(classes));
  return { input, layers };
}

/** A zoo model's layers as the builder edits them: without the closing classifier. */
export function presetLayers(id: ModelId): LayerSpec[] {
  const layers = MODEL_ZOO[id].spec([28, 28, 1], 10).layers;
  const head = layers.at(-1)?.type === 'dense' ? layers.slice(0, -1) : layers;
  return head.at(-1)?.type === 'flatten' ? head.slice(0, -1) : head;
}

/**
 * Why a custom model cannot be built for samples of shape `input` and `classes` classes (the
 * message of {@link activationShapes}, naming the layer), or null when it can.
 */
export function customModelProblem(
  layers: readonly LayerSpec[],
  input: [number, number, number],
  classes: number,
): string | null {
  try {
    activationShapes(modelSpecFor({ model: 'custom', layers: [...layers] }, input, classes));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
