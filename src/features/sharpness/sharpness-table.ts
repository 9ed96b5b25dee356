/**
 * The sharpness comparison as text: which runs to measure and one formatted row per measured
 * run. Pure, so formatting and the choice of runs are unit-tested.
 */
import { formatMeasure, formatPercent, formatWithError } from '../../domain/format';
import type { AnalysisJob, SharpnessEntry } from '../../store/analysis-slice';
import type {
  Progress,
  RunInfo,
  SharpnessReport,
  SharpnessStage,
  WeightsChoice,
} from '../../domain/api';
import { choiceLabel, sameSettings } from '../../domain/weights';

/** The runs a click measures: the chosen one (default the newest) or all trained like it. */
export function sharpnessTargets(
  runs: readonly RunInfo[],
  runId: string | null,
  allSame: boolean,
): RunInfo[] {
  const base = runs.find((r) => r.id === runId) ?? runs.at(-1);
  if (!base) return [];
  return allSame ? runs.filter((r) => sameSettings(r.config, base.config)) : [base];
}

export const STAGE_NAMES: Record<SharpnessStage, string> = {
  lambdaMax: 'λ_max (power iteration)',
  trace: 'Hessian trace (Hutchinson)',
  rhoSharpness: 'worst-case ρ-sharpness',
  adaptiveSharpness: 'adaptive ρ-sharpness',
  averageSharpness: 'average-case sharpness',
  adaptiveAverageSharpness: 'adaptive average-case sharpness',
  mSharpness: 'm-sharpness',
};

/**
 * Progress over all runs and stages as a fraction of 1000: each run an equal share, each stage an
 * equal share of its run (stage lengths differ, but the worker cannot tell them beforehand).
 */
export function sharpnessOverall(job: AnalysisJob): Progress {
  const runs = job.item ?? { index: 0, count: 1 };
  const stage = job.stage ?? { index: 0, count: 1 };
  const p = job.progress;
  const within = p && p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const fraction = (runs.index + (stage.index + within) / stage.count) / runs.count;
  return { done: Math.round(1000 * fraction), total: 1000 };
}

/** Train − test accuracy in percentage points, signed. */
export function formatGap(trainAcc: number | undefined, testAcc: number | undefined): string {
  if (trainAcc === undefined || testAcc === undefined) return '—';
  const gap = 100 * (trainAcc - testAcc);
  if (!Number.isFinite(gap)) return '—';
  return `${gap >= 0 ? '+' : '−'}${Math.abs(gap).toFixed(1)} pp`;
}

/** "0.0123 ± 0.0011 (m = 50, 4 sets)": the mean over sets with its standard error. */
export function formatMSharpness(r: SharpnessReport['mSharpness']): string {
  if (!r) return '—';
  const sets = `m = ${r.m}, ${r.sets} ${r.sets === 1 ? 'set' : 'sets'}`;
  const value = r.sets > 1 ? formatWithError(r.mean, r.stdError) : formatMeasure(r.mean);
  return `${value} (${sets})`;
}

/** Final metrics of the measured weights: the average's own for averaged weights. */
function measuredMetrics(run: RunInfo, which: WeightsChoice) {
  if (which === 'averaged' && run.summary.averaged) return run.summary.averaged;
  return run.summary.final ?? undefined;
}

export interface SharpnessRowView {
  runId: string;
  name: string;
  color: string;
  weights: string;
  testAcc: string;
  gap: string;
  lambdaMax: string;
  trace: string;
  rhoSharpness: string;
  adaptive: string;
  average: string;
  adaptiveAverage: string;
  mSharpness: string;
}

export function sharpnessRow({ run, which, report }: SharpnessEntry): SharpnessRowView {
  const m = measuredMetrics(run, which);
  return {
    runId: run.id,
    name: run.name,
    color: run.color,
    weights: choiceLabel(which),
    testAcc: m ? formatPercent(m.testAcc) : '—',
    gap: formatGap(m?.trainAcc, m?.testAcc),
    lambdaMax: formatMeasure(report.lambdaMax?.value),
    trace: formatWithError(report.trace?.trace, report.trace?.stdError),
    rhoSharpness: formatMeasure(report.rhoSharpness?.sharpness),
    adaptive: formatMeasure(report.adaptiveSharpness?.sharpness),
    average: formatWithError(report.averageSharpness?.mean, report.averageSharpness?.stdError),
    adaptiveAverage: formatWithError(
      report.adaptiveAverageSharpness?.mean,
      report.adaptiveAverageSharpness?.stdError,
    ),
    mSharpness: formatMSharpness(report.mSharpness),
  };
}
