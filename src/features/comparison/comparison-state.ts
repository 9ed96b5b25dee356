/**
 * The comparison view's own state: the compared runs and what was measured for each. Kept out of
 * the app store because nothing else reads it; plain data like the store's.
 */
import { createStore } from 'zustand/vanilla';
import type { RunInfo, SharpnessReport, SliceResult } from '../../domain/api';
import type { ComparisonSpec } from './comparison-spec';

export interface ComparisonResult {
  run: RunInfo;
  slice: SliceResult | null;
  report: SharpnessReport | null;
}

export interface ComparisonState {
  spec: ComparisonSpec | null;
  /** The training session (store `run.id`) the compared runs came from. */
  session: number | null;
  /** One entry per compared run, in the order trained. */
  results: ComparisonResult[];
  running: boolean;
  error: string | null;
  /** Time the whole job took (null while it runs). */
  elapsedMs: number | null;
  begin: (runs: readonly RunInfo[], spec: ComparisonSpec, session: number) => void;
  setSlice: (runId: string, slice: SliceResult) => void;
  setReport: (runId: string, report: SharpnessReport) => void;
  end: (error: string | null, elapsedMs: number) => void;
}

export function createComparisonStore() {
  return createStore<ComparisonState>()((set) => {
    const patch = (runId: string, change: Partial<ComparisonResult>) =>
      set((s) => ({
        results: s.results.map((r) => (r.run.id === runId ? { ...r, ...change } : r)),
      }));
    return {
      spec: null,
      session: null,
      results: [],
      running: false,
      error: null,
      elapsedMs: null,
      begin: (runs, spec, session) =>
        set({
          spec,
          session,
          results: runs.map((run) => ({ run, slice: null, report: null })),
          running: true,
          error: null,
          elapsedMs: null,
        }),
      setSlice: (runId, slice) => patch(runId, { slice }),
      setReport: (runId, report) => patch(runId, { report }),
      end: (error, elapsedMs) => set({ running: false, error, elapsedMs }),
    };
  });
}

export type ComparisonStore = ReturnType<typeof createComparisonStore>;

export const comparisonStore = createComparisonStore();
