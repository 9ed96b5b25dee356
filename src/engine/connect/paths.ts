/** Loss along the straight line and along the curve at the same values of t. */
import type { PathValues } from '../../domain/api-connect';
import type { EvalFns } from '../landscape/points';
import { evaluateLine, interpolate, type SliceOptions } from '../landscape/surface';
import type { Params } from '../types';
import { curvePoint, type CurveEnds, type CurveKind } from './curve';

/**
 * Losses and accuracies at φ_θ(t) for each t (chunked readbacks, cancellable between chunks).
 *
 * @param ends - w₁, w₂; @param theta - the bend; all borrowed.
 */
export function evaluateCurve(
  ends: CurveEnds,
  theta: Params,
  kind: CurveKind,
  ts: readonly number[],
  evalFns: EvalFns,
  opts: SliceOptions = {},
): Promise<PathValues> {
  return evaluateLine(ts.length, (i) => curvePoint(ends, theta, kind, ts[i]!), evalFns, opts);
}

/** Losses and accuracies at (1 − t)·w₁ + t·w₂ for each t (the θ(α) of the interpolation panel). */
export async function evaluateSegment(
  ends: CurveEnds,
  ts: readonly number[],
  evalFns: EvalFns,
  opts: SliceOptions = {},
): Promise<PathValues> {
  const { trainLoss, testLoss, trainAcc, testAcc } = await interpolate(
    ends.w1,
    ends.w2,
    [...ts],
    evalFns,
    opts,
  );
  return { trainLoss, testLoss, trainAcc, testAcc };
}
