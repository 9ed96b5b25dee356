/** The built-in architectures as plain data (TF-free: the engine builds them, files are checked against them). */
import type { ModelId } from './api';
import type { LayerSpec, ModelSpec } from './model';

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
