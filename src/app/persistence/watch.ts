/** Which store changes are results worth saving, and how a failed save is told to the user. */
import type { RunResults } from '../../persistence/types';
import type { FlatlandStore } from '../../store';

/** Results to save with one run, merged into its saved results. */
export interface ResultsChange {
  runId: string;
  patch: RunResults;
}

type State = ReturnType<FlatlandStore['getState']>;

function landscapeChange(s: State, prev: State): ResultsChange | null {
  const { landscape, explored } = s;
  // A restored landscape is saved already, with the settings it was computed with; saving it
  // again would record this page's settings instead, and the next restore would build its
  // sliders' directions from those.
  if (!explored || s.persistence.restoring) return null;
  const gridDone = landscape.grid !== prev.landscape.grid && landscape.grid !== null;
  const sliceOnly = landscape.status === 'error' && prev.landscape.status !== 'error';
  if (!gridDone && !(sliceOnly && landscape.slice)) return null;
  const config = { ...(landscape.config ?? s.landscapeConfig) };
  return {
    runId: explored.runId,
    patch: { landscape: { config, slice: landscape.slice, grid: landscape.grid } },
  };
}

function analysisChanges(s: State, prev: State): ResultsChange[] {
  const out: ResultsChange[] = [];
  const outcome = s.analysis.interpolation.outcome;
  if (outcome && outcome !== prev.analysis.interpolation.outcome)
    out.push({ runId: outcome.config.a.runId, patch: { interpolation: outcome } });
  const entries = s.analysis.sharpness.entries;
  if (entries !== prev.analysis.sharpness.entries) {
    const changed = new Set(
      entries.filter((e) => !prev.analysis.sharpness.entries.includes(e)).map((e) => e.run.id),
    );
    for (const runId of changed)
      out.push({ runId, patch: { sharpness: entries.filter((e) => e.run.id === runId) } });
  }
  return out;
}

/** Calls `save` with each finished landscape, interpolation and sharpness measurement. */
export function resultsWatcher(
  store: FlatlandStore,
  save: (change: ResultsChange) => void,
): () => void {
  return store.subscribe((s, prev) => {
    const landscape = landscapeChange(s, prev);
    if (landscape) save(landscape);
    analysisChanges(s, prev).forEach(save);
  });
}

/** The notice for a failed save: a full quota says so and what to do, anything else its message. */
export function quotaNotice(error: unknown, what: string): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError')
    return (
      `Storage is full: ${what} failed, so it will not survive a reload (it stays in this tab). ` +
      'Delete runs to free space.'
    );
  const message = error instanceof Error ? error.message : String(error);
  return `Could not save (${what}): ${message}`;
}
