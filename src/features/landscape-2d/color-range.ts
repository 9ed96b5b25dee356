/**
 * One colour scale for several runs' landscapes: the range that spans all their values, so the
 * same colour means the same loss in every run's plot (fair comparisons, as with shared
 * directions). Pure; also meant for views that draw several runs side by side.
 */
import type { GridResult } from '../../domain/api';
import { landscapeZ, type LandscapeSplit } from './landscape-figure';

/** A colour range: Plotly's zmin/zmax (contour, heatmap) or cmin/cmax (surface). */
export interface ZRange {
  zmin: number;
  zmax: number;
}

/**
 * The union of the finite values the grids draw for `split`, on the scale drawn (log10 with the
 * same floor as the plot when `log`); NaN and ±∞ are skipped. Null when there is no finite value.
 */
export function sharedZRange(
  grids: readonly GridResult[],
  split: LandscapeSplit,
  log: boolean,
): ZRange | null {
  let zmin = Infinity;
  let zmax = -Infinity;
  for (const grid of grids) {
    for (const row of landscapeZ(grid, split, log)) {
      for (const v of row) {
        if (v === null || !Number.isFinite(v)) continue;
        if (v < zmin) zmin = v;
        if (v > zmax) zmax = v;
      }
    }
  }
  return zmin <= zmax ? { zmin, zmax } : null;
}

/**
 * The landscapes a shared scale spans: the one on screen for the explored run, and the latest one
 * of every other run still listed (`runLandscapes` may hold deleted runs').
 */
export function runLandscapeGrids(
  runLandscapes: Readonly<Record<string, GridResult>>,
  runIds: readonly string[],
  explored: { runId: string; grid: GridResult | null } | null,
): GridResult[] {
  const others = runIds
    .filter((id) => id !== explored?.runId)
    .flatMap((id) => (runLandscapes[id] ? [runLandscapes[id]] : []));
  return explored?.grid ? [explored.grid, ...others] : others;
}

/** The toggle's state: the user's choice, else on as soon as two runs have landscapes. */
export function sharedScaleOn(choice: boolean | null, landscapes: number): boolean {
  return landscapes >= 2 && (choice ?? true);
}
