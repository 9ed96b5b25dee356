/**
 * What the landscape plots draw of a grid: the loss matrix (clipped, optionally log10) and one
 * colour range spanning several grids, so the same colour means the same loss in every run's
 * plot (the landscape panel's shared scale, the side-by-side view). Pure.
 */
import type { GridResult } from '../../domain/api';
import { clipInfo, clipNote, clipValue } from './clip';

export type LandscapeSplit = 'train' | 'test';

// Loss can underflow to exactly 0 on a memorised subset; log10 needs a floor.
const LOG_FLOOR = 1e-8;

const lossOf = (grid: GridResult, split: LandscapeSplit) =>
  split === 'train' ? grid.trainLoss : grid.testLoss;

/**
 * The matrix to draw: train or test loss (huge and non-finite values clipped, see
 * {@link landscapeClipNote}), optionally log10. Rows are b, columns a (as in the API).
 */
export function landscapeZ(
  grid: GridResult,
  split: LandscapeSplit,
  log: boolean,
): Array<Array<number | null>> {
  const raw = lossOf(grid, split);
  const { cap, nonFinite } = clipInfo(raw.flat());
  const z = cap === null && nonFinite === 0 ? raw : raw.map((r) => r.map((v) => clipValue(v, cap)));
  const log10 = (v: number | null) => (v === null ? null : Math.log10(Math.max(v, LOG_FLOOR)));
  return log ? z.map((row) => row.map(log10)) : z;
}

/** "Values above … clipped" when the drawn loss had to be clipped; null otherwise. */
export function landscapeClipNote(grid: GridResult, split: LandscapeSplit): string | null {
  return clipNote(clipInfo(lossOf(grid, split).flat()));
}

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
