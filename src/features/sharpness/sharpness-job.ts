/** Measures the sharpness of one run, or of each run trained alike, one after another. */
import type { AnalysisClient } from '../../app/worker-client';
import type { FlatlandStore } from '../../store';
import type { SharpnessProgress, SharpnessStage } from '../../domain/api';
import { analysisBlocker, jobError } from '../../app/analysis-status';
import { solutionChoice } from '../../domain/solution';
import { sharpnessRequest } from './measures';
import { sharpnessTargets } from './sharpness-table';

export interface SharpnessJobDeps {
  engine: Pick<AnalysisClient, 'sharpness'>;
  store: FlatlandStore;
  /** The measures to compute (default all). */
  stages?: readonly SharpnessStage[];
}

function stageReport(p: SharpnessProgress) {
  return {
    stage: { name: p.stage, index: p.stageIndex, count: p.stageCount },
    progress: { done: p.done, total: p.total },
  };
}

/**
 * Each run's solution (the SWA/WASAM average, else the final weights) is measured with the same
 * settings and seed, so the rows differ only by the weights. A failure or cancel keeps the rows
 * measured so far.
 */
export async function runSharpness({ engine, store, stages }: SharpnessJobDeps): Promise<void> {
  const s = store.getState();
  const { runId, sameSettings, settings } = s.analysis.sharpness;
  const targets = sharpnessTargets(s.runs, runId, sameSettings);
  if (analysisBlocker(s) !== null || targets.length === 0 || stages?.length === 0) return;
  if (!s.startAnalysisJob('sharpness')) return;
  const state = () => store.getState();
  state().setSharpnessError(null);
  try {
    for (const [index, run] of targets.entries()) {
      const item = { index, count: targets.length, label: run.name };
      state().reportAnalysisJob({ item, stage: null, progress: null });
      const which = solutionChoice(run);
      const request = sharpnessRequest({ runId: run.id, which }, settings, stages);
      const report = await engine.sharpness(request, (p) =>
        state().reportAnalysisJob(stageReport(p)),
      );
      state().addSharpnessEntry({ run, which, settings, report });
    }
  } catch (error) {
    state().setSharpnessError(jobError('Sharpness', error));
  } finally {
    state().finishAnalysisJob();
  }
}
