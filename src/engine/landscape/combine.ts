import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';

/**
 * Arithmetic on parameter maps (and on directions, which have the same names and shapes).
 * Every function returns NEW tensors that the caller owns and must dispose (e.g. with
 * {@link disposeParams}); inputs are never mutated or disposed, so the training weights stay
 * untouched while the landscape is explored.
 */

/** The tensor `name` of `map`, or a clear error naming the missing key (mismatched maps are bugs). */
export function getTensor(map: Params, name: string, what = 'direction'): tf.Tensor {
  const t = map[name];
  if (t === undefined) throw new Error(`${what} has no tensor named "${name}"`);
  return t;
}

/**
 * w + Σᵢ cᵢ·dᵢ for every parameter tensor.
 *
 * @param params - weights w, any shapes (e.g. `layer0/kernel` [kh, kw, in, out]).
 * @param dirs - directions dᵢ with the same names and shapes as `params`.
 * @param coeffs - one coefficient per direction.
 * @returns new tensors with the shapes of `params`, in the same key order (caller disposes).
 */
export function offsetParams(params: Params, dirs: Params[], coeffs: number[]): Params {
  if (dirs.length !== coeffs.length) {
    throw new Error(`offsetParams: ${dirs.length} directions but ${coeffs.length} coefficients`);
  }
  const out: Params = {};
  for (const [name, w] of Object.entries(params)) {
    out[name] = tf.tidy(() => {
      // Start from a clone so that even an all-zero offset yields a tensor the caller may dispose.
      let acc: tf.Tensor = w.clone();
      dirs.forEach((d, i) => {
        const c = coeffs[i]!;
        if (c !== 0) acc = tf.add(acc, tf.mul(getTensor(d, name), c));
      });
      return acc;
    });
  }
  return out;
}

/**
 * (1 − α)·A + α·B for every tensor, written in this form (not A + α(B − A)) so that α = 0 and
 * α = 1 reproduce A and B exactly, as the PyTorch reference does.
 *
 * @param a - weights A (any shapes).
 * @param b - weights B, same names and shapes as `a`.
 * @returns new tensors with the shapes of `a` (caller disposes).
 */
export function lerpParams(a: Params, b: Params, alpha: number): Params {
  const out: Params = {};
  for (const [name, wa] of Object.entries(a)) {
    const wb = getTensor(b, name, 'params B');
    out[name] = tf.tidy(() => tf.add(tf.mul(wa, 1 - alpha), tf.mul(wb, alpha)));
  }
  return out;
}

/** Applies `fn` to every tensor (inside a tidy), keeping names and order. Caller owns the result. */
export function mapParams(params: Params, fn: (t: tf.Tensor, name: string) => tf.Tensor): Params {
  const out: Params = {};
  for (const [name, t] of Object.entries(params)) out[name] = tf.tidy(() => fn(t, name));
  return out;
}

/** Disposes every tensor of a map (for maps this module handed out). */
export function disposeParams(params: Params): void {
  for (const t of Object.values(params)) t.dispose();
}

/**
 * ⟨x, y⟩ over all tensors together, as if every map were flattened into one vector.
 *
 * @returns a scalar tensor (caller disposes); no readback.
 */
export function dotParams(x: Params, y: Params): tf.Scalar {
  return tf.tidy(() => {
    const parts = Object.entries(x).map(([name, t]) => tf.sum(tf.mul(t, getTensor(y, name))));
    return parts.length === 0 ? tf.scalar(0) : (tf.addN(parts) as tf.Scalar);
  });
}

/** ‖x‖₂ over all tensors together. @returns a scalar tensor (caller disposes). */
export function normParams(x: Params): tf.Scalar {
  return tf.tidy(() => tf.sqrt(dotParams(x, x)));
}

/** `x / ‖x‖` over all tensors together (new tensors, shaped like `x`). */
export function unitParams(x: Params): Params {
  return tf.tidy(() => {
    const n = normParams(x);
    return mapParams(x, (t) => tf.div(t, n));
  });
}

/**
 * All tensors of a map flattened and concatenated in key order (the canonical parameter order).
 *
 * @returns a vector [D] with D the total number of elements (caller disposes).
 */
export function flattenParams(params: Params): tf.Tensor1D {
  return tf.tidy(() => {
    const parts = Object.values(params).map((t) => tf.reshape(t, [-1]));
    return (parts.length === 1 ? parts[0]! : tf.concat(parts)) as tf.Tensor1D;
  });
}

/**
 * The inverse of {@link flattenParams}: splits a vector [D] back into tensors shaped like `like`.
 *
 * @param vec - a vector [D], D = total elements of `like`.
 * @param like - the map whose names, order and shapes to use (its values are not read).
 * @returns new tensors (caller disposes).
 */
export function unflattenParams(vec: tf.Tensor1D, like: Params): Params {
  const out: Params = {};
  let offset = 0;
  for (const [name, t] of Object.entries(like)) {
    const start = offset;
    out[name] = tf.tidy(() => tf.reshape(tf.slice(vec, [start], [t.size]), t.shape));
    offset += t.size;
  }
  if (offset !== vec.size)
    throw new Error(`unflattenParams: vector has ${vec.size}, map ${offset}`);
  return out;
}
