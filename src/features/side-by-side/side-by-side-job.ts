/** The side-by-side jobs: landscapes of the chosen runs, and their missing sharpness numbers. */
import type { AnalysisClient, ExploreClient } from '../../app/worker-client';
import type { FlatlandStore } from '../../store';
import type { RunInfo } from '../../domain/api';
import { analysisBlocker, jobError } from '../../app/analysis-status';
import { solutionRef } from '../../domain/solution';
import { MAX_RUNS, MIN_RUNS, sharedLandscape } from './side-by-side';
import type { SideBySideStore } from './state';

export interface SideBySideDeps {
  engine: Pick<ExploreClient, 'runLandscape'> & Pick<AnalysisClient, 'sharpness'>;
  store: FlatlandStore;
  local: SideBySideStore;
}

/**
 * Slice and grid of each run's solution along the same directions, one run after another in the
 * analysis job slot (the worker runs one job at a time). Runs that finished keep their results
 * when a later one fails or is cancelled.
 */
export async function computeSideBySide(deps: SideBySideDeps, runs: RunInfo[]): Promise<void> {
  const { engine, store, local } = deps;
  const s = store.getState();
  if (runs.length < MIN_RUNS || runs.length > MAX_RUNS) return;
  if (analysisBlocker(s) !== null || !s.startAnalysisJob('landscape')) return;
  const state = () => store.getState();
  const config = sharedLandscape(s.landscapeConfig, runs[0]!.id);
  local.getState().begin();
  let error: string | null = null;
  try {
    for (const [index, run] of runs.entries()) {
      state().reportAnalysisJob({ item: { index, count: runs.length, label: run.name } });
      const r = await engine.runLandscape({ ref: solutionRef(run), config, grid: true }, (p) =>
        state().reportAnalysisJob({ progress: { done: p.done, total: p.total } }),
      );
      if (r.grid)
        local.getState().addResult({ run, slice: r.slice, grid: r.grid, labels: config.labels });
    }
  } catch (e) {
    error = jobError('Side by side', e);
  } finally {
    state().finishAnalysisJob();
    local.getState().end(error);
  }
}

/** λ_max and ρ-sharpness of each run's solution, with the Sharpness panel's settings. */
export async function computeSideSharpness(deps: SideBySideDeps, runs: RunInfo[]): Promise<void> {
  const { engine, store, local } = deps;
  const s = store.getState();
  if (runs.length === 0 || analysisBlocker(s) !== null) return;
  if (!s.startAnalysisJob('sharpness')) return;
  const state = () => store.getState();
  const settings = s.analysis.sharpness.settings;
  try {
    for (const [index, run] of runs.entries()) {
      state().reportAnalysisJob({ item: { index, count: runs.length, label: run.name } });
      const weights = solutionRef(run);
      const report = await engine.sharpness(
        { weights, ...settings, stages: ['lambdaMax', 'rhoSharpness'] },
        (p) =>
          state().reportAnalysisJob({
            stage: { name: p.stage, index: p.stageIndex, count: p.stageCount },
            progress: { done: p.done, total: p.total },
          }),
      );
      state().addSharpnessEntry({ run, which: weights.which, settings, report });
    }
  } catch (e) {
    local.getState().end(jobError('Sharpness', e));
  } finally {
    state().finishAnalysisJob();
  }
}
