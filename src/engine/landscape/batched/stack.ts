import * as tf from '@tensorflow/tfjs';
import type { Params } from '../../types';
import { getTensor } from '../combine';

/**
 * The K weight sets w + aₖ·d1 + b·d2 (k = 0..K−1) stacked on a new leading axis.
 *
 * The arithmetic is the one `offsetParams(params, [d1, d2], [aₖ, b])` does, in the same order
 * ((w + aₖ·d1) + b·d2, skipping zero coefficients), so every point's weights are bitwise equal
 * to the per-point path's: a zero aₖ adds an exact 0, and b = 0 adds nothing.
 *
 * @param params - weights w, e.g. `layer0/kernel` [kh, kw, Cin, Cout]; borrowed.
 * @param d1 - direction for a; @param d2 - direction for b (shaped like `params`); borrowed.
 * @param as - the K coefficients aₖ.
 * @returns a new map, `name` → [K, ...shape of w] (caller disposes).
 */
export function stackOffsets(params: Params, d1: Params, d2: Params, as: number[], b: number) {
  const k = as.length;
  const out: Params = {};
  for (const [name, w] of Object.entries(params)) {
    out[name] = tf.tidy(() => {
      const col = tf.tensor1d(as, 'float32').reshape([k, ...w.shape.map(() => 1)]);
      const first = tf.add(tf.expandDims(w, 0), tf.mul(col, tf.expandDims(getTensor(d1, name), 0)));
      return b === 0 ? first : tf.add(first, tf.mul(getTensor(d2, name), b));
    });
  }
  return out;
}

/**
 * K arbitrary weight sets stacked on a new leading axis (for tests and for callers whose points
 * are not on a plane).
 *
 * @param sets - K maps with the same names and shapes; borrowed.
 * @returns a new map, `name` → [K, ...shape] (caller disposes).
 */
export function stackParams(sets: Params[]): Params {
  if (sets.length === 0) throw new Error('stackParams: no weight sets');
  const out: Params = {};
  for (const name of Object.keys(sets[0]!)) {
    out[name] = tf.stack(sets.map((s) => getTensor(s, name, 'weight set')));
  }
  return out;
}
