import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { getTensor } from './combine';

/**
 * Direction normalisation of Li et al. (2018), "Visualizing the Loss Landscape of Neural Nets",
 * as in their `net_plotter.normalize_directions_for_weights`:
 * - `filter`: for each output filter (the LAST axis in TF.js layout: conv [kh, kw, in, out],
 *   dense [in, out]; PyTorch's dim 0) d_i ← d_i · ‖w_i‖ / (‖d_i‖ + 1e-10);
 * - `layer`: the same with the whole tensor as one filter;
 * - `none`: the direction is kept as it is.
 * Tensors of rank ≤ 1 (biases, BatchNorm gamma/beta) are not normalised in any mode: they become
 * zero when `ignoreBiasBn` (Li et al.'s `ignore='biasbn'`) and a copy of the weights otherwise.
 */
export type Normalization = 'filter' | 'layer' | 'none';

export interface NormalizeOptions {
  /** Default `filter`. */
  normalization?: Normalization;
  /** Zero the rank ≤ 1 tensors (default true); false copies the weights into them. */
  ignoreBiasBn?: boolean;
}

/** Li et al.'s small constant that keeps an all-zero direction filter from dividing by zero. */
const NORM_EPS = 1e-10;

/**
 * Li et al. filter normalisation of one tensor: each slice along the last axis is rescaled to the
 * norm of the matching slice of the weights.
 *
 * @param d - direction, rank ≥ 2, e.g. [kh, kw, in, out] or [in, out].
 * @param w - weights with the shape of `d`.
 * @returns a new tensor shaped like `d`.
 */
export function normalizeFilterwise(d: tf.Tensor, w: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const out = d.shape[d.shape.length - 1]!;
    // [.., out] → [rest, out]: axis 0 then runs over every element of one filter.
    const d2 = tf.reshape(d, [-1, out]);
    const w2 = tf.reshape(w, [-1, out]);
    const dNorm = tf.norm(d2, 'euclidean', 0); // [out]
    const wNorm = tf.norm(w2, 'euclidean', 0); // [out]
    const scale = tf.div(wNorm, tf.add(dNorm, NORM_EPS)); // [out], broadcast over the last axis
    return tf.mul(d, scale);
  });
}

/**
 * Li et al. layer normalisation of one tensor: d · ‖w‖ / (‖d‖ + 1e-10) over the whole tensor.
 *
 * @param d - direction, any shape; @param w - weights with the shape of `d`.
 * @returns a new tensor shaped like `d`.
 */
export function normalizeLayerwise(d: tf.Tensor, w: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(d, tf.div(tf.norm(w), tf.add(tf.norm(d), NORM_EPS))));
}

/**
 * Normalises a direction against the weights it will perturb (see {@link Normalization}).
 *
 * @param direction - one tensor per parameter, same names and shapes as `params`.
 * @param params - the weights w (e.g. `layer0/kernel` [kh, kw, in, out], `layer0/bias` [out]).
 * @returns a new direction with the names, order and shapes of `params` (caller disposes);
 *   neither input is modified.
 */
export function normalizeDirection(
  direction: Params,
  params: Params,
  opts: NormalizeOptions = {},
): Params {
  const normalization = opts.normalization ?? 'filter';
  const ignoreBiasBn = opts.ignoreBiasBn ?? true;
  const out: Params = {};
  for (const [name, w] of Object.entries(params)) {
    const d = getTensor(direction, name);
    if (d.rank <= 1) {
      out[name] = ignoreBiasBn ? tf.zerosLike(w) : w.clone();
    } else if (normalization === 'filter') {
      out[name] = normalizeFilterwise(d, w);
    } else if (normalization === 'layer') {
      out[name] = normalizeLayerwise(d, w);
    } else {
      out[name] = d.clone();
    }
  }
  return out;
}
