/**
 * Curves with one bend between two weight sets (Garipov et al. 2018, §3; their
 * dnn-mode-connectivity `Bezier` and `PolyChain` with three bends: w₁, θ, w₂).
 */
import * as tf from '@tensorflow/tfjs';
import type { CurveKind } from '../../domain/api-connect';
import { getTensor, lerpParams } from '../landscape/combine';
import type { Params } from '../types';

export type { CurveKind };

/** The two fixed ends of a curve: w₁ = φ(0) and w₂ = φ(1), same names and shapes. */
export interface CurveEnds {
  w1: Params;
  w2: Params;
}

/**
 * The coefficients [c₁, c_θ, c₂] with φ(t) = c₁·w₁ + c_θ·θ + c₂·w₂; they sum to 1.
 * Bézier: [(1 − t)², 2t(1 − t), t²]. Polygonal chain: [1 − 2t, 2t, 0] for t ≤ 0.5, else
 * [0, 2 − 2t, 2t − 1]. c_θ is also dφ/dθ, the factor of the chain rule ∇_θ L = c_θ·∇L(φ(t)).
 */
export function curveCoefficients(kind: CurveKind, t: number): [number, number, number] {
  if (!(t >= 0 && t <= 1)) throw new Error(`curve parameter t = ${t} is outside [0, 1]`);
  if (kind === 'bezier') return [(1 - t) * (1 - t), 2 * t * (1 - t), t * t];
  return t <= 0.5 ? [1 - 2 * t, 2 * t, 0] : [0, 2 - 2 * t, 2 * t - 1];
}

/**
 * The point φ(t) of the curve with bend θ. Terms with a zero coefficient are left out, so
 * φ(0) and φ(1) are w₁ and w₂ bit for bit.
 *
 * @param theta - the bend, shaped like the ends (e.g. `layer0/kernel` [kh, kw, in, out]).
 * @returns new tensors shaped like `ends.w1` (caller disposes); nothing is borrowed beyond the call.
 */
export function curvePoint(ends: CurveEnds, theta: Params, kind: CurveKind, t: number): Params {
  const [c1, ct, c2] = curveCoefficients(kind, t);
  const out: Params = {};
  for (const [name, w1] of Object.entries(ends.w1)) {
    out[name] = tf.tidy(() => {
      const terms: tf.Tensor[] = [];
      if (c1 !== 0) terms.push(c1 === 1 ? w1.clone() : tf.mul(w1, c1));
      if (ct !== 0) terms.push(tf.mul(getTensor(theta, name, 'bend'), ct));
      if (c2 !== 0) {
        const w2 = getTensor(ends.w2, name, 'w2');
        terms.push(c2 === 1 ? w2.clone() : tf.mul(w2, c2));
      }
      return terms.length === 1 ? terms[0]! : tf.addN(terms);
    });
  }
  return out;
}

/**
 * Garipov et al.'s initial bend: the midpoint (w₁ + w₂)/2, with which both kinds start as
 * the straight segment itself: φ(t) = (1 − t)·w₁ + t·w₂.
 *
 * @returns new tensors shaped like `ends.w1` (caller disposes).
 */
export function midpointBend(ends: CurveEnds): Params {
  return lerpParams(ends.w1, ends.w2, 0.5);
}
