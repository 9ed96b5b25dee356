/**
 * Loss surfaces as they travel in and out of Flatland in the layout of Li et al.'s
 * loss-landscape code (tomgoldstein/loss-landscape). Pure: no HDF5 here, only the shapes and
 * the checks both directions share.
 */
import type { GridResult, SliceResult } from '../domain/api';

export const SURFACE_METRICS = ['trainLoss', 'trainAcc', 'testLoss', 'testAcc'] as const;
export type SurfaceMetric = (typeof SURFACE_METRICS)[number];

/** The dataset name of each metric in Li et al.'s surface files. */
export const H5_DATASETS: Readonly<Record<SurfaceMetric, string>> = {
  trainLoss: 'train_loss',
  trainAcc: 'train_acc',
  testLoss: 'test_loss',
  testAcc: 'test_acc',
};

/** A 1D surface: `values[m][j]` is metric m at t = x[j]. */
export interface Surface1D {
  kind: '1d';
  x: number[];
  values: Partial<Record<SurfaceMetric, number[]>>;
}

/**
 * A 2D surface in Flatland's grid orientation (as `GridResult`: rows indexed by b, columns by
 * a): `values[m][i][j]` is metric m at (a, b) = (x[j], y[i]).
 */
export interface Surface2D {
  kind: '2d';
  x: number[];
  y: number[];
  values: Partial<Record<SurfaceMetric, number[][]>>;
}

/**
 * A surface read from or written to an `.h5` file. Accuracies are fractions in [0, 1] as
 * everywhere in Flatland; the files hold percentages (Li et al.'s `eval_loss` returns
 * 100·correct/total), converted on the way in and out. At least one metric is present.
 */
export type ImportedSurface = Surface1D | Surface2D;

/** Why a surface file or object cannot be used; the message is meant for the user. */
export class H5SurfaceError extends Error {
  override name = 'H5SurfaceError';
}

const fail = (message: string): never => {
  throw new H5SurfaceError(message);
};

/** Metrics present, in the files' order. */
export function presentMetrics(surface: ImportedSurface): SurfaceMetric[] {
  return SURFACE_METRICS.filter((m) => surface.values[m] !== undefined);
}

function checkCoordinates(name: string, values: readonly number[]): void {
  if (values.length === 0) fail(`'${name}' is empty`);
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    fail(`'${name}' holds values that are not finite numbers`);
  }
}

/**
 * Losses are never negative: Li et al.'s code fills a surface with −1 before computing it, so a
 * negative loss marks a point that was never computed (an interrupted run).
 */
function checkValues(metric: SurfaceMetric, flat: readonly number[]): void {
  const name = H5_DATASETS[metric];
  if (!flat.every((v) => typeof v === 'number')) fail(`'${name}' is not numeric`);
  if (!metric.endsWith('Loss')) return;
  const missing = flat.filter((v) => v < 0).length;
  if (missing > 0) {
    fail(
      `'${name}': ${missing} of ${flat.length} points were never computed (negative values; the loss-landscape code writes −1 before computing a point)`,
    );
  }
}

/** Throws an H5SurfaceError unless the surface is complete and consistent. */
export function checkSurface(surface: ImportedSurface): void {
  checkCoordinates('xcoordinates', surface.x);
  if (surface.kind === '2d') checkCoordinates('ycoordinates', surface.y);
  const metrics = presentMetrics(surface);
  if (metrics.length === 0) {
    fail(`no surface values: expected at least one of ${Object.values(H5_DATASETS).join(', ')}`);
  }
  for (const m of metrics) {
    const name = H5_DATASETS[m];
    if (surface.kind === '1d') {
      const row = surface.values[m]!;
      if (row.length !== surface.x.length) {
        fail(`'${name}' has ${row.length} values for ${surface.x.length} x-coordinates`);
      }
      checkValues(m, row);
    } else {
      const rows = surface.values[m]!;
      const fits =
        rows.length === surface.y.length && rows.every((r) => r.length === surface.x.length);
      if (!fits) fail(`'${name}' is not a ${surface.y.length} × ${surface.x.length} grid (y × x)`);
      checkValues(m, rows.flat());
    }
  }
}

/** A computed 1D slice as a surface (for export). */
export function surfaceFromSlice(slice: SliceResult): Surface1D {
  const { t, trainLoss, trainAcc, testLoss, testAcc } = slice;
  return { kind: '1d', x: [...t], values: { trainLoss, trainAcc, testLoss, testAcc } };
}

/** A computed 2D grid as a surface (for export); the orientation is already the same. */
export function surfaceFromGrid(grid: GridResult): Surface2D {
  const { a, b, trainLoss, trainAcc, testLoss, testAcc } = grid;
  return { kind: '2d', x: [...a], y: [...b], values: { trainLoss, trainAcc, testLoss, testAcc } };
}
