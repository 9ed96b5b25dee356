import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../src/engine';

/**
 * A synthetic MNIST-shaped set: x [n, 28, 28, 1] uniform in [0, 1], y [n] int32 in [0, 10).
 * Timings do not depend on the pixel values, and synthetic data keeps the bench independent of
 * the dataset files and identical in the browser and in Node.
 */
export function syntheticSet(n: number, seed: number): Batch {
  return {
    x: tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', seed) as tf.Tensor4D,
    y: tf.randomUniform([n], 0, 10, 'int32', seed + 1) as tf.Tensor1D,
  };
}

export function disposeSet(set: Batch): void {
  tf.dispose([set.x, set.y]);
}
