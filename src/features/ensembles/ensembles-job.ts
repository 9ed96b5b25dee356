/** Runs the FGE-vs-SWA analysis of one FGE run in the worker (one analysis job at a time). */
import type { AnalysisClient } from '../../app/worker-client';
import { analysisBlocker, jobError } from '../../app/analysis-status';
import type { EnsembleResult } from '../../domain/api';
import type { FlatlandStore } from '../../store';

export interface EnsembleJobDeps {
  engine: Pick<AnalysisClient, 'ensembles'>;
  store: FlatlandStore;
  runId: string;
  evalSamples: number;
}

/** The result, or the reason it is missing (blocked, cancelled or failed). */
export type EnsembleOutcome = { result: EnsembleResult } | { error: string };

export async function runEnsembles(deps: EnsembleJobDeps): Promise<EnsembleOutcome> {
  const { engine, store, runId, evalSamples } = deps;
  const blocker = analysisBlocker(store.getState());
  if (blocker) return { error: blocker };
  if (!store.getState().startAnalysisJob('ensembles'))
    return { error: 'Another analysis is running.' };
  const state = () => store.getState();
  try {
    const result = await engine.ensembles({ runId, evalSamples }, (progress) =>
      state().reportAnalysisJob({ progress }),
    );
    return { result };
  } catch (error) {
    return { error: jobError('The ensemble comparison', error) };
  } finally {
    state().finishAnalysisJob();
  }
}
