import * as tf from '@tensorflow/tfjs';
import { evaluate } from '../../evaluate';
import type { ModelSpec, ModelState, Params } from '../../types';
import {
  coarseIndices,
  interleavedRows,
  perPointRows,
  REFINE_MIN_SIZE,
  runGridRows,
  runRefinedGrid,
  type RefineOptions,
  type RowEvaluator,
} from '../grid-rows';
import type { GridResult } from '../../../domain/api';
import type { EvalFns } from '../points';
import { makeBatchedEvalFns, type BatchedEvalOptions, type EvalSets } from './evaluate';
import { batchedRow } from './grid';

/** How a grid evaluates its rows: K points per forward pass, or one point per forward pass. */
export type GridPath = 'batched' | 'per-point';

/**
 * What each backend uses until it has been calibrated. GPUs gain from fewer, larger kernels;
 * TF.js's CPU conv kernels do not, and the depthwise emulation of grouped conv does Cin times
 * more memory traffic there, so the CPU starts on the per-point path.
 */
const DEFAULT_PATH: Record<string, GridPath> = {
  webgpu: 'batched',
  webgl: 'batched',
  cpu: 'per-point',
  wasm: 'per-point',
};

/** Calibrated choices, per backend and problem (model, K and set sizes). */
const calibrated = new Map<string, GridPath>();

function problemKey(backend: string, problem = ''): string {
  return `${backend}|${problem}`;
}

/**
 * The grid path to use on `backend` for `problem` (any string naming the model and sizes, e.g.
 * from {@link gridProblemKey}): the calibrated choice when there is one, else the backend's
 * default.
 */
export function chooseGridPath(backend: string = tf.getBackend(), problem?: string): GridPath {
  return calibrated.get(problemKey(backend, problem)) ?? DEFAULT_PATH[backend] ?? 'batched';
}

/** Whether {@link chooseGridPath} answers from a calibration for this backend and problem. */
export function isGridPathCalibrated(backend: string, problem?: string): boolean {
  return calibrated.has(problemKey(backend, problem));
}

/** Forgets every calibration (tests; a backend switch keeps them, as they are keyed by backend). */
export function resetGridPathCalibration(): void {
  calibrated.clear();
}

/** A key naming the model and sizes whose timings a calibration measured. */
export function gridProblemKey(spec: ModelSpec, sets: EvalSets, k: number, row: number): string {
  return JSON.stringify([spec, sets.train.x.shape[0], sets.test.x.shape[0], k, row]);
}

/** The model and evaluation data a fast grid needs (the app's EvalFns close over the same). */
export interface GridModel {
  spec: ModelSpec;
  /** BatchNorm moving statistics [C]; borrowed. */
  state: ModelState;
  /** Fixed evaluation sets; borrowed. */
  sets: EvalSets;
}

export interface AutoGridOptions extends RefineOptions, BatchedEvalOptions {
  /**
   * Points per batched forward pass (default: the whole row, `as.length`; with `refine`, a coarse
   * row, so that the coarse pass needs no padding).
   */
  k?: number;
  /**
   * Coarse grid first, then the rest (see `runRefinedGrid`; progress then counts points). The
   * values are the one-pass grid's.
   */
  refine?: boolean;
  /** Forces a path (benchmarks, tests); by default the calibrated or default choice. */
  path?: GridPath;
}

/** A grid computed by {@link grid2dAuto}, with the path it took and, if it calibrated, timings. */
export interface AutoGridResult extends GridResult {
  path: GridPath;
  /** Milliseconds of one timed row on each path, when this run did the calibration. */
  calibration?: Record<GridPath, number>;
}

function perPointFns(model: GridModel): EvalFns {
  const { spec, state, sets } = model;
  return {
    train: (p) => evaluate(spec, p, state, sets.train.x, sets.train.y),
    test: (p) => evaluate(spec, p, state, sets.test.x, sets.test.y),
  };
}

async function timed<T>(run: () => Promise<T>) {
  const t0 = performance.now();
  const values = await run();
  return { values, ms: performance.now() - t0 };
}

/**
 * Row evaluator that calibrates on the grid's own first four row evaluations (so no work is
 * wasted): calls 0 and 1 warm up the per-point and batched paths (kernel compilation), calls 2
 * and 3 are timed, and the faster path takes the remaining rows and is remembered for `key`.
 */
function calibratingRows(
  rows: Record<GridPath, RowEvaluator>,
  key: string,
  out: AutoGridResult,
): RowEvaluator {
  const order: GridPath[] = ['per-point', 'batched', 'per-point', 'batched'];
  const ms: Partial<Record<GridPath, number>> = {};
  let calls = 0;
  return async (row, cols) => {
    const call = calls++;
    if (call >= order.length) return rows[out.path](row, cols);
    const path = order[call]!;
    const r = await timed(() => rows[path](row, cols));
    if (call >= 2) ms[path] = r.ms;
    if (call === 3) {
      const calibration = ms as Record<GridPath, number>;
      out.path = calibration.batched <= calibration['per-point'] ? 'batched' : 'per-point';
      out.calibration = calibration;
      calibrated.set(key, out.path);
    }
    return r.values;
  };
}

/**
 * The row evaluators of both paths for one grid (each row: one readback). Exposed for the
 * benchmarks, which time the paths row by row, interleaved.
 *
 * @param k - points per batched forward pass.
 */
export function gridRowEvaluators(
  params: Params,
  d1: Params,
  d2: Params,
  as: number[],
  bs: number[],
  model: GridModel,
  k: number,
  opts: BatchedEvalOptions = {},
): Record<GridPath, RowEvaluator> {
  const batched = makeBatchedEvalFns(model.spec, model.state, model.sets, k, opts);
  return {
    batched: (row, cols) => {
      const coords = cols ? cols.map((c) => as[c]!) : as;
      return batchedRow(params, d1, d2, coords, bs[row]!, batched);
    },
    'per-point': perPointRows(params, d1, d2, as, bs, perPointFns(model)),
  };
}

/**
 * 2D surface w + a·d1 + b·d2 over `as` × `bs` (the `grid2d` contract: rows indexed by b, one
 * readback per row, progress per row, cancellation between rows), on the faster of the batched
 * and per-point paths for the current backend. The first grid of a backend and problem with at
 * least four rows calibrates on its own rows (see {@link calibratingRows}); later grids reuse the
 * choice. Per-point and batched values agree to float32 rounding, so mixing paths is harmless.
 * With `opts.refine` the rows are those of `runRefinedGrid`: a coarse grid first (reported
 * through `opts.onCoarse`), then the remaining points, progress in points.
 *
 * @param params - weights w; @param d1, d2 - directions shaped like `params`; all borrowed.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export async function grid2dAuto(
  params: Params,
  d1: Params,
  d2: Params,
  as: number[],
  bs: number[],
  model: GridModel,
  opts: AutoGridOptions = {},
): Promise<AutoGridResult> {
  const coarse = !!opts.refine && Math.min(as.length, bs.length) >= REFINE_MIN_SIZE;
  const k = Math.max(1, Math.floor(opts.k ?? (coarse ? coarseIndices(as.length) : as).length));
  const paths = gridRowEvaluators(params, d1, d2, as, bs, model, k, opts);
  // Both paths interleaved alike, so calibration still compares like with like.
  const rows: Record<GridPath, RowEvaluator> = {
    batched: interleavedRows(paths.batched, as.length, opts.interleave),
    'per-point': interleavedRows(paths['per-point'], as.length, opts.interleave),
  };
  const backend = tf.getBackend();
  const problem = gridProblemKey(model.spec, model.sets, k, as.length);
  // Interleaved fewer than k points at a time, the batched path pads every call to k points: k×
  // the work for nothing (measured in the app on wasm: a padded single point took 1 s where the
  // per-point path takes 50 ms, and calibrating on two such rows added 20 s to the grid).
  const padded = opts.interleave !== undefined && Math.floor(opts.interleave.points) < k;
  const fallback = padded ? 'per-point' : chooseGridPath(backend, problem);
  // Filled in by the row loop below; `path` may change while calibrating.
  const out = { path: opts.path ?? fallback } as AutoGridResult;
  // Calibration compares rows of equal length: the first four rows, or four coarse rows.
  const timedRows = coarse ? coarseIndices(bs.length).length : bs.length;
  const calibrate =
    !opts.path && !padded && !isGridPathCalibrated(backend, problem) && timedRows >= 4;
  const evalRow: RowEvaluator = calibrate
    ? calibratingRows(rows, problemKey(backend, problem), out)
    : (row, cols) => rows[out.path](row, cols);
  const grid = opts.refine
    ? await runRefinedGrid(as, bs, evalRow, opts)
    : await runGridRows(as, bs, evalRow, opts);
  return Object.assign(out, grid);
}
