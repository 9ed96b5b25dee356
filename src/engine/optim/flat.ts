import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { get } from './tensors';

/** Added to the gradient norm as the reference PyTorch SAM does, so a zero gradient gives e = 0. */
export const NORM_EPS = 1e-12;

/** Every tensor of `map` (in `names` order) flattened and concatenated: [D]. */
export function flatten(map: Params, names: string[]): tf.Tensor1D {
  const parts = names.map((n) => tf.reshape(get(map, n), [-1]));
  return (parts.length === 1 ? parts[0]! : tf.concat(parts)) as tf.Tensor1D;
}

/** The inverse of {@link flatten}: a [D] vector cut into tensors shaped as `like`'s. */
export function unflatten(v: tf.Tensor1D, like: Params, names: string[]): Params {
  const shapes = names.map((n) => get(like, n).shape);
  const parts = names.length === 1 ? [v] : tf.split(v, shapes.map(tf.util.sizeFromShape));
  const out: Params = {};
  names.forEach((n, i) => (out[n] = tf.reshape(parts[i]!, shapes[i]!)));
  return out;
}
