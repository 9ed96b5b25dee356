/** Runs θ(α) in the worker for the form in the store and records the outcome there. */
import type { AnalysisClient } from '../../app/worker-client';
import type { FlatlandStore } from '../../store';
import { analysisBlocker, jobError } from '../../app/analysis-status';
import { weightsLabel } from '../../domain/weights';
import { draftProblem, interpolationConfig } from './interpolation-config';

export interface InterpolationJobDeps {
  engine: Pick<AnalysisClient, 'interpolate'>;
  store: FlatlandStore;
}

export async function runInterpolation({ engine, store }: InterpolationJobDeps): Promise<void> {
  const s = store.getState();
  const { draft } = s.analysis.interpolation;
  const problem = analysisBlocker(s) ?? draftProblem(draft, s.runs);
  const config = interpolationConfig(draft, s.landscapeConfig);
  if (problem !== null || !config) {
    if (problem) s.setInterpolationError(problem);
    return;
  }
  if (!s.startAnalysisJob('interpolation')) return;
  const state = () => store.getState();
  state().setInterpolationError(null);
  // Labels now: a run deleted later keeps its name on the plot.
  const labelA = weightsLabel(s.runs, config.a);
  const labelB = weightsLabel(s.runs, config.b);
  try {
    const result = await engine.interpolate(config, (progress) =>
      state().reportAnalysisJob({ progress }),
    );
    state().setInterpolationOutcome({ config, labelA, labelB, result });
  } catch (error) {
    state().setInterpolationError(jobError('Interpolation', error));
  } finally {
    state().finishAnalysisJob();
  }
}
