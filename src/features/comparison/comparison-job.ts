/**
 * The comparison view's jobs, queued after a comparison has trained: every run's 1D slice first
 * (the overlay fills in run by run), then λ_max and the Hessian trace of every run. They hold the
 * analysis job slot, so Cancel stops them like any other analysis.
 */
import { errorMessage } from '../../domain/format';
import { isCancelledError } from '../../domain/cancel';
import type { AnalysisClient, ExploreClient } from '../../app/worker-client';
import type { FlatlandStore } from '../../store';
import type { RunInfo, SharpnessProgress } from '../../domain/api';
import { solutionRef } from '../../domain/solution';
import { comparisonSpec } from './comparison-spec';
import type { ComparisonStore } from './comparison-state';

export interface ComparisonDeps {
  engine: Pick<ExploreClient, 'runLandscape'> & Pick<AnalysisClient, 'sharpness'>;
  store: FlatlandStore;
  local: ComparisonStore;
  /** Clock of the elapsed time shown in the view (default `performance.now`). */
  now?: () => number;
}

/** "Comparison cancelled." for a cancelled job (the worker's CancelledError), else the failure. */
function comparisonError(error: unknown): string {
  const cancelled = isCancelledError(error);
  return cancelled ? 'Comparison cancelled.' : `Comparison failed: ${errorMessage(error)}`;
}

function stageReport(p: SharpnessProgress) {
  return {
    stage: { name: p.stage, index: p.stageIndex, count: p.stageCount },
    progress: { done: p.done, total: p.total },
  };
}

/**
 * Measures the compared runs' solutions (SWA/WASAM: the average) one after another. Nothing runs
 * when the job slot is taken; a failure or cancel keeps what was measured so far.
 */
export async function runComparison(deps: ComparisonDeps, runs: readonly RunInfo[]) {
  const { engine, store, local } = deps;
  const now = deps.now ?? (() => performance.now());
  const s = store.getState();
  if (runs.length === 0 || !s.startAnalysisJob('comparison')) return;
  const started = now();
  const state = () => store.getState();
  const spec = comparisonSpec(
    {
      landscape: s.landscapeConfig,
      sharpness: s.analysis.sharpness.settings,
      basin: s.analysis.basin,
    },
    runs[0]!.id,
  );
  local.getState().begin(runs, spec, s.run.id);
  const count = 2 * runs.length;
  let error: string | null = null;
  try {
    for (const [index, run] of runs.entries()) {
      state().reportAnalysisJob({ item: { index, count, label: `1D slice of ${run.name}` } });
      const job = { ref: solutionRef(run), config: spec.landscape, grid: false };
      const r = await engine.runLandscape(job, (p) =>
        state().reportAnalysisJob({ stage: null, progress: { done: p.done, total: p.total } }),
      );
      local.getState().setSlice(run.id, r.slice);
    }
    for (const [i, run] of runs.entries()) {
      const item = { index: runs.length + i, count, label: `λ_max and trace of ${run.name}` };
      state().reportAnalysisJob({ item, stage: null, progress: null });
      const request = { weights: solutionRef(run), ...spec.sharpness };
      const report = await engine.sharpness(request, (p) =>
        state().reportAnalysisJob(stageReport(p)),
      );
      local.getState().setReport(run.id, report);
    }
  } catch (e) {
    error = comparisonError(e);
  } finally {
    state().finishAnalysisJob();
    local.getState().end(error, now() - started);
  }
}
