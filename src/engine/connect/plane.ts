/**
 * The plane through w₁, w₂ and the bend θ, as Garipov et al.'s plane.py: origin w₁,
 * û = (w₂ − w₁)/‖w₂ − w₁‖, v̂ = Gram–Schmidt of θ − w₁ against û, coordinates in weight-space
 * distance along û and v̂.
 */
import * as tf from '@tensorflow/tfjs';
import { linspace } from '../../domain/slice';
import { disposeParams, dotParams, mapParams, getTensor } from '../landscape/combine';
import type { Params } from '../types';
import { curveCoefficients, type CurveEnds, type CurveKind } from './curve';

/** The plane's orthonormal basis and where the three points lie in it. */
export interface CurvePlane {
  /** Unit directions û, v̂ shaped like the weights (owned by the holder; see {@link disposePlane}). */
  u: Params;
  v: Params;
  /** w₁ = (0, 0), w₂ = (dx, 0), θ = (bendX, dy). */
  dx: number;
  dy: number;
  bendX: number;
}

async function scalar(t: tf.Scalar): Promise<number> {
  try {
    return (await t.data())[0]!;
  } finally {
    t.dispose();
  }
}

const diff = (a: Params, b: Params) => mapParams(a, (t, name) => tf.sub(t, getTensor(b, name)));

/**
 * Gram–Schmidt basis of the plane through w₁, w₂ and θ (all borrowed).
 *
 * @throws when w₁ = w₂, or when θ lies on their line (no plane; e.g. a bend never trained).
 */
export async function curvePlane(ends: CurveEnds, theta: Params): Promise<CurvePlane> {
  const du = diff(ends.w2, ends.w1);
  const dv = diff(theta, ends.w1);
  try {
    const dx = Math.sqrt(await scalar(dotParams(du, du)));
    if (!(dx > 0)) throw new Error('The two ends are the same weights: there is no line to bend.');
    const u = mapParams(du, (t) => tf.div(t, dx));
    const bendX = await scalar(dotParams(dv, u));
    const resid = mapParams(dv, (t, name) => tf.sub(t, tf.mul(getTensor(u, name), bendX)));
    const dy = Math.sqrt(await scalar(dotParams(resid, resid)));
    if (!(dy > 1e-6 * dx)) {
      disposeParams(u);
      disposeParams(resid);
      throw new Error('The bend lies on the straight line: there is no plane (train the curve).');
    }
    const v = mapParams(resid, (t) => tf.div(t, dy));
    disposeParams(resid);
    return { u, v, dx, dy, bendX };
  } finally {
    disposeParams(du);
    disposeParams(dv);
  }
}

export function disposePlane(plane: CurvePlane): void {
  disposeParams(plane.u);
  disposeParams(plane.v);
}

/**
 * The plane coordinates of the straight line (1 − t)·w₁ + t·w₂ and of the curve φ(t) at each t:
 * the projection is affine and the coefficients sum to 1, so φ(t) lies at
 * c₁·(0, 0) + c_θ·(bendX, dy) + c₂·(dx, 0).
 */
export function pathCoordinates(
  plane: Pick<CurvePlane, 'dx' | 'dy' | 'bendX'>,
  kind: CurveKind,
  ts: readonly number[],
): { line: { x: number[]; y: number[] }; curve: { x: number[]; y: number[] } } {
  const coeffs = ts.map((t) => curveCoefficients(kind, t));
  return {
    line: { x: ts.map((t) => t * plane.dx), y: ts.map(() => 0) },
    curve: {
      x: coeffs.map(([, ct, c2]) => ct * plane.bendX + c2 * plane.dx),
      y: coeffs.map(([, ct]) => ct * plane.dy),
    },
  };
}

/**
 * The grid's coordinates: the box around the three points with a margin of `margin` times its
 * width and height on every side (plane.py's default margins, 0.2).
 */
export function planeAxes(
  plane: Pick<CurvePlane, 'dx' | 'dy' | 'bendX'>,
  points: number,
  margin = 0.2,
): { x: number[]; y: number[] } {
  const x0 = Math.min(0, plane.bendX);
  const x1 = Math.max(plane.dx, plane.bendX);
  const w = x1 - x0;
  return {
    x: linspace(x0 - margin * w, x1 + margin * w, points),
    y: linspace(-margin * plane.dy, (1 + margin) * plane.dy, points),
  };
}
