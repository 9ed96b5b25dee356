import { freshLandscape } from './results-slice';
import type { RunsSlice, SliceCreator } from './types';

type RunsSession = Pick<RunsSlice, 'explored' | 'compare'>;

/** What a new Train or Compare starts from: nothing explored yet, no comparison in progress. */
export function freshRunsSession(): RunsSession {
  return { explored: null, compare: null };
}

export const createRunsSlice: SliceCreator<RunsSlice> = (set) => ({
  runs: [],
  runsError: null,
  ...freshRunsSession(),
  setRuns: (runs) => set((s) => ({ runs, runLandscapes: listedOnly(s.runLandscapes, runs) })),
  removeRun: (runId) =>
    set((s) => {
      const runs = s.runs.filter((r) => r.id !== runId);
      const runLandscapes = listedOnly(s.runLandscapes, runs);
      // The worker drops its landscape session with the run: what the panels show is gone too.
      if (s.explored?.runId !== runId) return { runs, runLandscapes };
      return { runs, runLandscapes, explored: null, ...freshLandscape() };
    }),
  setExplored: (explored) => set({ explored }),
  setCompareProgress: (compare) => set({ compare }),
  setRunsError: (runsError) => set({ runsError }),
  beginExplore: (ref) => set({ explored: ref, ...freshLandscape() }),
});

/**
 * The landscapes of runs still listed: a deleted run's grid would otherwise stay in memory for
 * the page's life (the soak saw the heap grow by one grid per train → delete cycle).
 */
function listedOnly<T>(byRun: Record<string, T>, runs: readonly { id: string }[]) {
  const ids = new Set(runs.map((r) => r.id));
  return Object.fromEntries(Object.entries(byRun).filter(([id]) => ids.has(id)));
}
