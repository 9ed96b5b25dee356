/**
 * Side by side: several runs' landscapes on one colour scale and their comparison table. Pure,
 * so the shared range, the request and the rows are unit-tested.
 */
import { formatLoss, formatMeasure, formatPercent } from '../../domain/format';
import { solutionChoice } from '../../domain/solution';
import type { SharpnessEntry } from '../../store/analysis-slice';
import type { DirectionOptions, LandscapeConfig, RunInfo } from '../../domain/api';

/** Side by side shows two to four runs: more would make each landscape too small to read. */
export const MIN_RUNS = 2;
export const MAX_RUNS = 4;

/**
 * The landscape settings for every run: the user's grid, range and normalisation, but random
 * directions shared with the first run (`shareWith`): every run is cut along the same raw draw of
 * d₁, d₂, each rescaled to its own filters (Li et al. §4), so an SWA or SAM solution is not
 * perturbed at SGD's filter norms (PCA or eigenvector directions would differ from run to run).
 */
export function sharedLandscape(base: LandscapeConfig, firstRunId: string): LandscapeConfig {
  const user: Partial<DirectionOptions> = base.directions ?? {};
  const directions: Partial<DirectionOptions> = {
    ...(user.normalization ? { normalization: user.normalization } : {}),
    ...(user.ignoreBiasBn !== undefined ? { ignoreBiasBn: user.ignoreBiasBn } : {}),
    ...(user.orthogonalize !== undefined ? { orthogonalize: user.orthogonalize } : {}),
    kind1: 'random',
    kind2: 'random',
    shareWith: firstRunId,
  };
  return { ...base, directions };
}

/** Metrics of the run's solution: the SWA/WASAM average's when there is one. */
function solutionMetrics(run: RunInfo) {
  return run.summary.averaged ?? run.summary.final;
}

export interface SideBySideRow {
  id: string;
  name: string;
  color: string;
  trainAcc: string;
  testAcc: string;
  /** Train accuracy − test accuracy, in percentage points. */
  accGap: string;
  /** Test loss − train loss. */
  lossGap: string;
  lambdaMax: string;
  rhoSharpness: string;
  /** No sharpness entry of this run's solution yet. */
  needsSharpness: boolean;
}

const signedPoints = (x: number) =>
  Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} pp` : '—';
const signedLoss = (x: number) =>
  Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${formatLoss(Math.abs(x))}` : '—';

/** One row per run; sharpness from the Sharpness panel's entries when they measured its solution. */
export function sideBySideRows(
  runs: readonly RunInfo[],
  entries: readonly SharpnessEntry[],
): SideBySideRow[] {
  return runs.map((run) => {
    const m = solutionMetrics(run);
    const which = solutionChoice(run);
    const entry = entries.find((e) => e.run.id === run.id && e.which === which);
    return {
      id: run.id,
      name: run.name,
      color: run.color,
      trainAcc: m ? formatPercent(m.trainAcc) : '—',
      testAcc: m ? formatPercent(m.testAcc) : '—',
      accGap: m ? signedPoints(m.trainAcc - m.testAcc) : '—',
      lossGap: m ? signedLoss(m.testLoss - m.trainLoss) : '—',
      lambdaMax: formatMeasure(entry?.report.lambdaMax?.value),
      rhoSharpness: formatMeasure(entry?.report.rhoSharpness?.sharpness),
      needsSharpness: !entry?.report.lambdaMax || !entry.report.rhoSharpness,
    };
  });
}
