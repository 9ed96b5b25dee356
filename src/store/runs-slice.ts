import type { RunInfo, WeightsRef } from '../domain/api';
import { freshLandscape } from './results-slice';
import type { SliceCreator } from './types';

/** Where a comparison is: which of its runs trains now. */
export interface CompareProgress {
  /** 1-based position of the training run. */
  index: number;
  total: number;
  name: string;
}

/** The run list, the explored weights and the comparison in progress, with their setters. */
export interface RunsSlice {
  /** The runs the worker keeps, oldest first (RunInfo is plain data). */
  runs: RunInfo[];
  /** The weights the 1D slice and 2D grid show; null before training or once deleted. */
  explored: WeightsRef | null;
  compare: CompareProgress | null;
  /** Why the last run-list action (delete) failed; null when it worked. */
  runsError: string | null;
  setRuns: (runs: RunInfo[]) => void;
  removeRun: (runId: string) => void;
  setExplored: (ref: WeightsRef | null) => void;
  setCompareProgress: (progress: CompareProgress | null) => void;
  setRunsError: (message: string | null) => void;
  /** Clears the landscape and probe and marks `ref` as explored, for a new landscape of it. */
  beginExplore: (ref: WeightsRef) => void;
}

type RunsSession = Pick<RunsSlice, 'explored' | 'compare'>;

/** What a new Train or Compare starts from: nothing explored yet, no comparison in progress. */
export function freshRunsSession(): RunsSession {
  return { explored: null, compare: null };
}

/** Creates the runs slice: no run, nothing explored. */
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
