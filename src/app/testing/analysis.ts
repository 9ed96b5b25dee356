/** Fixtures for the analysis jobs' unit tests (landscape recompute, θ(α), sharpness). */
import { createFlatlandStore } from '../../store';
import { makeRun } from '../../store/testing/runs';

/** A store after one finished run, with the worker's list holding `runs`. */
export function trainedStore(runs = [makeRun('r1', 'sgd'), makeRun('r2', 'sam')]) {
  const store = createFlatlandStore();
  store.getState().beginRun(3);
  store.getState().setRuns(runs);
  store.getState().setRunStatus('finished', 'Training finished');
  return store;
}

/** A cancellation as it reaches the UI: Comlink clones the worker's error, keeping its name. */
export function cancelled(): Error {
  const e = new Error('Landscape evaluation cancelled');
  e.name = 'CancelledError';
  return e;
}
