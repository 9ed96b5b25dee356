import type { GridResult, SliceResult } from '../../domain/api';
import type { Params } from '../types';
import { lerpParams, offsetParams } from './combine';
import {
  interleavedRows,
  perPointRows,
  runGridRows,
  runRefinedGrid,
  type RefineOptions,
} from './grid-rows';
import {
  afterReadback,
  evaluateBatch,
  linspace,
  throwIfCancelled,
  type EvalFns,
  type PointValues,
  type RunOptions,
} from './points';

export interface SliceOptions extends RunOptions {
  /** Points per readback (default 10): one GPU sync and one progress report per chunk. */
  chunkSize?: number;
}

/** Li et al.'s 1D plots: 51 points on [−1, 1]. */
export const DEFAULT_SLICE_TS = linspace(-1, 1, 51);
/** Goodfellow-style interpolation plots: 41 points on [−0.5, 1.5]. */
export const DEFAULT_ALPHAS = linspace(-0.5, 1.5, 41);

/**
 * Evaluates the points of a line (or of any path) in chunks, one readback per chunk, reporting
 * progress and honouring cancellation between chunks.
 *
 * @param build - makes the weights of point i (new tensors; disposed after evaluation).
 */
export async function evaluateLine(
  n: number,
  build: (i: number) => Params,
  evalFns: EvalFns,
  opts: SliceOptions,
): Promise<PointValues> {
  const chunk = Math.max(1, Math.floor(opts.interleave?.points ?? opts.chunkSize ?? 10));
  const out: PointValues = { trainLoss: [], trainAcc: [], testLoss: [], testAcc: [] };
  for (let start = 0; start < n; start += chunk) {
    throwIfCancelled(opts);
    const size = Math.min(chunk, n - start);
    const r = await evaluateBatch(size, (i) => build(start + i), evalFns);
    out.trainLoss.push(...r.trainLoss);
    out.trainAcc.push(...r.trainAcc);
    out.testLoss.push(...r.testLoss);
    out.testAcc.push(...r.testAcc);
    opts.onProgress?.({ done: start + size, total: n });
    await afterReadback(opts);
  }
  return out;
}

/**
 * 1D slice w + t·d for each t (Li et al. 2018, Fig. 1-style plots).
 *
 * @param params - weights w (e.g. `layer0/kernel` [kh, kw, in, out]); not modified or disposed.
 * @param d - direction shaped like `params` (normalise it first); not modified or disposed.
 * @param ts - the coefficients t, default 51 points on [−1, 1].
 * @throws {CancelledError} when cancelled through `opts` (checked between chunks).
 */
export async function slice1d(
  params: Params,
  d: Params,
  ts: number[] = DEFAULT_SLICE_TS,
  evalFns: EvalFns,
  opts: SliceOptions = {},
): Promise<SliceResult> {
  const r = await evaluateLine(
    ts.length,
    (i) => offsetParams(params, [d], [ts[i]!]),
    evalFns,
    opts,
  );
  return { t: [...ts], ...r };
}

/** Losses/accuracies along θ(α) = (1 − α)·A + α·B. */
export interface InterpolationResult extends PointValues {
  alpha: number[];
}

/**
 * Linear interpolation between two weight sets (Goodfellow et al. 2015; SWA vs SGD solutions in
 * Izmailov et al. 2018): θ(α) = (1 − α)·A + α·B for each α.
 *
 * @param paramsA - weights A; @param paramsB - weights B, same names and shapes (neither is
 *   modified or disposed). Models with BatchNorm evaluate with whatever state `evalFns` closes over.
 * @param alphas - default 41 points on [−0.5, 1.5].
 * @throws {CancelledError} when cancelled through `opts`.
 */
export async function interpolate(
  paramsA: Params,
  paramsB: Params,
  alphas: number[] = DEFAULT_ALPHAS,
  evalFns: EvalFns,
  opts: SliceOptions = {},
): Promise<InterpolationResult> {
  const build = (i: number) => lerpParams(paramsA, paramsB, alphas[i]!);
  const r = await evaluateLine(alphas.length, build, evalFns, opts);
  return { alpha: [...alphas], ...r };
}

/**
 * 2D surface w + a·d1 + b·d2 over the grid as × bs (Li et al. 2018 contour plots).
 *
 * Exactly one GPU readback per row: the row's per-point losses/accuracies are stacked and read
 * with one `await data()`; all tensors of a row are freed before the next, with constant shapes
 * so the backend reuses its buffers. Progress is reported after each row; cancellation is
 * checked between rows.
 *
 * @param params - weights w; @param d1 - direction for a; @param d2 - direction for b (both
 *   shaped like `params`). None of them is modified or disposed.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export function grid2d(
  params: Params,
  d1: Params,
  d2: Params,
  as: number[],
  bs: number[],
  evalFns: EvalFns,
  opts: RunOptions = {},
): Promise<GridResult> {
  const rows = perPointRows(params, d1, d2, as, bs, evalFns);
  return runGridRows(as, bs, interleavedRows(rows, as.length, opts.interleave), opts);
}

/**
 * The same surface as {@link grid2d}, value for value, computed progressively: a coarse grid
 * (every other row and column) first, handed to `opts.onCoarse`, then the remaining points (see
 * `runRefinedGrid`). Progress counts points; one readback per row of each pass.
 *
 * @param params - weights w; @param d1, d2 - directions shaped like `params`; all borrowed.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export function grid2dRefined(
  params: Params,
  d1: Params,
  d2: Params,
  as: number[],
  bs: number[],
  evalFns: EvalFns,
  opts: RefineOptions = {},
): Promise<GridResult> {
  const rows = perPointRows(params, d1, d2, as, bs, evalFns);
  return runRefinedGrid(as, bs, interleavedRows(rows, as.length, opts.interleave), opts);
}
