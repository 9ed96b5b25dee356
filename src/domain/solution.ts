/**
 * The solution of a run: the weights it is judged by. SWA and WASAM are judged by their averaged
 * weights (the point of averaging), every other run by its final weights. The one copy of this
 * rule: the app, the features and the worker all ask here.
 */
import type { RunInfo, WeightsChoice, WeightsRef } from './api';

/** 'averaged' when the run has an SWA/WASAM average, else 'final'. */
export function solutionChoice(run: Pick<RunInfo, 'hasAverage'>): WeightsChoice {
  return run.hasAverage ? 'averaged' : 'final';
}

/** The reference to a run's solution ({@link solutionChoice} of run `id`). */
export function solutionRef(run: Pick<RunInfo, 'id' | 'hasAverage'>): WeightsRef {
  return { runId: run.id, which: solutionChoice(run) };
}
