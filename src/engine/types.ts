import type * as tf from '@tensorflow/tfjs';

// The model's description is TF-free and lives in the domain (persistence checks files with it).
export type { LayerSpec, ModelSpec } from '../domain/model';

/**
 * Named tensors, e.g. `layer0/kernel` [kh, kw, in, out], `layer3/bias` [out],
 * `layer1/gamma` [C], `layer1/moving_mean` [C]. Key order is the canonical parameter order
 * (layer index, then kernel/bias or gamma/beta) and is relied upon when flattening.
 */
export type TensorMap = Record<string, tf.Tensor>;

/** Trainable parameters. */
export type Params = TensorMap;

/** Non-trainable model state (BatchNorm moving statistics). Empty for models without BatchNorm. */
export type ModelState = TensorMap;

/** `train`: BatchNorm uses batch statistics and returns updated moving statistics; `eval`: moving ones. */
export type Mode = 'train' | 'eval';

/** A batch: x [N, H, W, C] float32 in [0, 1]; y [N] int32 class labels. */
export interface Batch {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
}
