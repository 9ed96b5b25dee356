/** The comparison view's table: one row per run with its curvature and basin width. Pure. */
import { formatMeasure, formatPercent } from '../../domain/format';
import { basinWidth } from '../../domain/sharpness-basin';
import type { BasinSettings } from '../../store/analysis-slice';
import type { SliceResult } from '../../domain/api';
import type { ComparisonResult } from './comparison-state';

export interface ComparisonRow {
  id: string;
  name: string;
  color: string;
  /** Which weights were measured: the SWA/WASAM average or the final ones. */
  weights: 'average' | 'final';
  testAcc: string;
  lambdaMax: string;
  trace: string;
  basin: string;
  /** The numbers themselves (NaN until measured), for tests and sorting. */
  values: { lambdaMax: number; trace: number; basin: number };
}

/** Width of the slice's basin at the level; NaN without a slice or a basin. */
export function sliceBasin(
  slice: SliceResult | null,
  level: BasinSettings,
): { width: number; lowerBound: boolean } {
  if (!slice) return { width: NaN, lowerBound: false };
  try {
    const r = basinWidth(slice.t, slice.trainLoss, level);
    return r.empty ? { width: NaN, lowerBound: false } : r;
  } catch {
    return { width: NaN, lowerBound: false };
  }
}

export function comparisonRows(
  results: readonly ComparisonResult[],
  level: BasinSettings,
): ComparisonRow[] {
  return results.map(({ run, slice, report }) => {
    const metrics = run.summary.averaged ?? run.summary.final;
    const lambdaMax = report?.lambdaMax?.value ?? NaN;
    const trace = report?.trace?.trace ?? NaN;
    const stdError = report?.trace?.stdError;
    const basin = sliceBasin(slice, level);
    return {
      id: run.id,
      name: run.name,
      color: run.color,
      weights: run.hasAverage ? 'average' : 'final',
      testAcc: metrics ? formatPercent(metrics.testAcc) : '—',
      lambdaMax: formatMeasure(lambdaMax),
      trace:
        Number.isFinite(trace) && stdError !== undefined
          ? `${formatMeasure(trace)} ± ${formatMeasure(stdError, 2)}`
          : formatMeasure(trace),
      // "≥": the valley runs past the plotted range, so the width is a lower bound.
      basin: `${basin.lowerBound ? '≥ ' : ''}${formatMeasure(basin.width)}`,
      values: { lambdaMax, trace, basin: basin.width },
    };
  });
}

/** What the numbers are, in words, for the line under the table. */
export function basinLevelText(level: BasinSettings): string {
  return level.kind === 'relative'
    ? `training loss ≤ L(w)·(1 + ${level.value})`
    : `training loss ≤ ${level.value}`;
}
