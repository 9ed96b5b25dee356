/**
 * The side-by-side panel's own state: which runs are chosen and their landscapes. Kept out of the
 * app store because nothing else reads it; plain data like the store's.
 */
import { createStore } from 'zustand/vanilla';
import type { GridResult, LabelChoice, RunInfo, SliceResult } from '../../domain/api';

export interface RunLandscapeOutcome {
  run: RunInfo;
  slice: SliceResult;
  grid: GridResult;
  /** The training labels the landscape was evaluated with (absent: the run's own). */
  labels?: LabelChoice;
}

export interface SideBySideState {
  /** Run ids ticked by the user; null until the first tick (then the newest runs are shown). */
  selected: string[] | null;
  results: RunLandscapeOutcome[];
  running: boolean;
  error: string | null;
  setSelected: (ids: string[]) => void;
  begin: () => void;
  addResult: (outcome: RunLandscapeOutcome) => void;
  end: (error: string | null) => void;
}

export function createSideBySideStore() {
  return createStore<SideBySideState>()((set) => ({
    selected: null,
    results: [],
    running: false,
    error: null,
    setSelected: (selected) => set({ selected }),
    begin: () => set({ results: [], running: true, error: null }),
    addResult: (outcome) => set((s) => ({ results: [...s.results, outcome] })),
    end: (error) => set({ running: false, error }),
  }));
}

export type SideBySideStore = ReturnType<typeof createSideBySideStore>;

export const sideBySideStore = createSideBySideStore();

/** The runs to show: those ticked that still exist, or the newest ones before any tick. */
export function chosenRuns(runs: readonly RunInfo[], selected: string[] | null): RunInfo[] {
  if (selected === null) return runs.slice(-4);
  return runs.filter((r) => selected.includes(r.id));
}
