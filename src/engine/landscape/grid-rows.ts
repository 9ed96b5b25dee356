import type { GridResult } from '../../domain/api';
import type { Params } from '../types';
import { offsetParams } from './combine';
import {
  afterReadback,
  evaluateBatch,
  throwIfCancelled,
  type EvalFns,
  type Interleave,
  type PointValues,
  type RunOptions,
} from './points';

/**
 * Evaluates the points (as[c], bs[row]) for c in `cols` (all of `as` when absent) with exactly
 * one readback; values come back in `cols` order.
 */
export type RowEvaluator = (row: number, cols?: readonly number[]) => Promise<PointValues>;

/**
 * `evalRow` a few columns at a time, `interleave.between` awaited between the parts, the parts'
 * values joined in column order; `evalRow` itself when there is nothing to interleave.
 *
 * @param nCols - the row's length, for calls without `cols`.
 */
export function interleavedRows(
  evalRow: RowEvaluator,
  nCols: number,
  interleave: Interleave | undefined,
): RowEvaluator {
  if (!interleave) return evalRow;
  const size = Math.max(1, Math.floor(interleave.points));
  return async (row, cols) => {
    const all = cols ?? allCols(nCols);
    const out: PointValues = { trainLoss: [], trainAcc: [], testLoss: [], testAcc: [] };
    for (let start = 0; start < all.length; start += size) {
      if (start > 0) await interleave.between();
      const r = await evalRow(row, all.slice(start, start + size));
      for (const m of METRICS) out[m].push(...r[m]);
    }
    return out;
  };
}

const METRICS = ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'] as const;

/** All column indices 0 … n−1. */
function allCols(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The per-point row evaluator of w + a·d1 + b·d2: one forward pass per point, one readback per
 * call (see `evaluateBatch`). All arguments are borrowed.
 */
export function perPointRows(
  params: Params,
  d1: Params,
  d2: Params,
  as: readonly number[],
  bs: readonly number[],
  evalFns: EvalFns,
): RowEvaluator {
  return (row, cols = allCols(as.length)) => {
    const build = (i: number) => offsetParams(params, [d1, d2], [as[cols[i]!]!, bs[row]!]);
    return evaluateBatch(cols.length, build, evalFns);
  };
}

function emptyGrid(as: readonly number[], bs: readonly number[]): GridResult {
  return {
    a: [...as],
    b: [...bs],
    trainLoss: [],
    testLoss: [],
    trainAcc: [],
    testAcc: [],
    elapsedMs: 0,
  };
}

/**
 * The row loop shared by every one-pass grid path: rows in order, progress after each row (in
 * rows), cancellation checked between rows, a macrotask yield after each so a worker's "stop"
 * message gets in.
 */
export async function runGridRows(
  as: number[],
  bs: number[],
  evalRow: RowEvaluator,
  opts: RunOptions = {},
): Promise<GridResult> {
  const started = Date.now();
  const out = emptyGrid(as, bs);
  for (let row = 0; row < bs.length; row++) {
    throwIfCancelled(opts);
    const r = await evalRow(row);
    for (const m of METRICS) out[m].push(r[m]);
    opts.onProgress?.({ done: row + 1, total: bs.length });
    await afterReadback(opts);
  }
  out.elapsedMs = Date.now() - started;
  return out;
}

/** Below this many points per axis a coarse pass would not show anything worth drawing. */
export const REFINE_MIN_SIZE = 5;

/**
 * Indices of the coarse axis inside an axis of n points: every other one, and the last one so
 * the coarse grid spans the same range (n = 21: 0, 2, …, 20; n = 20: 0, 2, …, 18, 19).
 */
export function coarseIndices(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i += 2) out.push(i);
  if (n > 1 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/** One readback's worth of a refinement pass: some columns of one row. */
export interface GridTask {
  row: number;
  cols: number[];
}

/**
 * The two passes of a progressive grid: the coarse rows at the coarse columns, then, row by row,
 * every point the coarse pass did not evaluate. Together they cover each point exactly once.
 */
export function refinementPlan(nA: number, nB: number): { coarse: GridTask[]; fine: GridTask[] } {
  const ca = coarseIndices(nA);
  const coarseCols = new Set(ca);
  const coarseRows = new Set(coarseIndices(nB));
  const coarse = [...coarseRows].map((row) => ({ row, cols: ca }));
  const fine: GridTask[] = [];
  for (let row = 0; row < nB; row++) {
    const cols = allCols(nA).filter((c) => !coarseRows.has(row) || !coarseCols.has(c));
    if (cols.length > 0) fine.push({ row, cols });
  }
  return { coarse, fine };
}

/** The sub-grid of `grid` at the given rows and columns (new arrays). */
export function subGrid(grid: GridResult, rows: readonly number[], cols: readonly number[]) {
  const pick = (m: number[][]) => rows.map((r) => cols.map((c) => m[r]![c]!));
  const out: GridResult = {
    a: cols.map((c) => grid.a[c]!),
    b: rows.map((r) => grid.b[r]!),
    trainLoss: pick(grid.trainLoss),
    testLoss: pick(grid.testLoss),
    trainAcc: pick(grid.trainAcc),
    testAcc: pick(grid.testAcc),
    elapsedMs: grid.elapsedMs,
  };
  return out;
}

export interface RefineOptions extends RunOptions {
  /** The coarse surface (a sub-grid of the final one, all values known), once it is complete. */
  onCoarse?: (coarse: GridResult) => void;
}

/** Runs `tasks`, writing into `out`; progress in points after each task (one readback each). */
async function runTasks(
  tasks: GridTask[],
  evalRow: RowEvaluator,
  out: GridResult,
  progress: { done: number; total: number },
  opts: RunOptions,
): Promise<void> {
  for (const { row, cols } of tasks) {
    throwIfCancelled(opts);
    const r = await evalRow(row, cols);
    for (const m of METRICS) cols.forEach((c, i) => (out[m][row]![c] = r[m][i]!));
    progress.done += cols.length;
    opts.onProgress?.({ ...progress });
    await afterReadback(opts);
  }
}

/**
 * Progressive 2D surface over `as` × `bs`: a coarse pass (every other row and column, see
 * {@link coarseIndices}) handed to `opts.onCoarse` as soon as it is complete, then the remaining
 * points row by row. No point is evaluated twice, each task is one readback, and the result is
 * the one-pass grid's (each point is evaluated alone, so its value does not depend on the pass).
 * Progress counts points (total `as.length · bs.length`); cancellation is checked before each
 * task. Axes shorter than {@link REFINE_MIN_SIZE} are evaluated in one pass (no coarse surface).
 *
 * @throws {CancelledError} when cancelled through `opts`; nothing stays allocated.
 */
export async function runRefinedGrid(
  as: number[],
  bs: number[],
  evalRow: RowEvaluator,
  opts: RefineOptions = {},
): Promise<GridResult> {
  const started = Date.now();
  const out = emptyGrid(as, bs);
  for (const m of METRICS) out[m] = bs.map(() => as.map(() => NaN));
  const progress = { done: 0, total: as.length * bs.length };
  const refine = as.length >= REFINE_MIN_SIZE && bs.length >= REFINE_MIN_SIZE;
  const plan = refine
    ? refinementPlan(as.length, bs.length)
    : { coarse: [], fine: bs.map((_, row) => ({ row, cols: allCols(as.length) })) };
  if (plan.coarse.length > 0) {
    await runTasks(plan.coarse, evalRow, out, progress, opts);
    const coarse = subGrid(out, coarseIndices(bs.length), coarseIndices(as.length));
    opts.onCoarse?.({ ...coarse, elapsedMs: Date.now() - started });
  }
  await runTasks(plan.fine, evalRow, out, progress, opts);
  out.elapsedMs = Date.now() - started;
  return out;
}
