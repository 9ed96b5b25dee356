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
  setRuns: (runs) => set({ runs }),
  removeRun: (runId) =>
    set((s) => {
      const runs = s.runs.filter((r) => r.id !== runId);
      // The worker drops its landscape session with the run: what the panels show is gone too.
      if (s.explored?.runId !== runId) return { runs };
      return { runs, explored: null, ...freshLandscape() };
    }),
  setExplored: (explored) => set({ explored }),
  setCompareProgress: (compare) => set({ compare }),
  setRunsError: (runsError) => set({ runsError }),
  beginExplore: (ref) => set({ explored: ref, ...freshLandscape() }),
});
