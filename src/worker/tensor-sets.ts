import * as tf from '@tensorflow/tfjs';
import { exampleShape, gatherImages, gatherLabels } from '../data/batch';
import type { DatasetSplit } from '../data/load';

/** A set of examples on the backend: x [N, 28, 28, 1] float32 in [0, 1] (toy: [N, 1, 1, 2]), y [N] int32. */
export interface TensorSet {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
}

/** Uploads the examples `indices` of a split once, so training and evaluation never re-upload. */
export function buildSet(split: DatasetSplit, indices: ArrayLike<number>): TensorSet {
  const n = indices.length;
  const shape = exampleShape(split);
  return {
    x: tf.tensor4d(
      gatherImages(split.images, indices, shape[0] * shape[1] * shape[2]),
      [n, ...shape],
      'float32',
    ),
    y: tf.tensor1d(gatherLabels(split.labels, indices), 'int32'),
  };
}

/** New handles on the same data (no copy): they keep it alive after the originals are freed. */
export function cloneSet(set: TensorSet): TensorSet {
  return { x: tf.clone(set.x), y: tf.clone(set.y) };
}

export function disposeSet(set: TensorSet | null | undefined): void {
  if (set) tf.dispose([set.x, set.y]);
}
