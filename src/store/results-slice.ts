import type { GridResult } from '../domain/api';
import type { FlatlandState, LandscapeState, ResultsSlice, SliceCreator } from './types';

const EMPTY_LANDSCAPE: LandscapeState = {
  status: 'idle',
  slice: null,
  grid: null,
  sliceProgress: null,
  gridProgress: null,
  error: null,
  config: null,
};

// Slice positions come from arithmetic on both threads; equal up to rounding means the same point.
const sameT = (a: number, b: number) => Math.abs(a - b) <= 1e-9;

/** `runLandscapes` with the explored run's entry set to `grid`. */
function remember(s: FlatlandState, grid: GridResult): Record<string, GridResult> {
  const runId = s.explored?.runId;
  return runId ? { ...s.runLandscapes, [runId]: grid } : s.runLandscapes;
}

type ProbeData = Pick<ResultsSlice, 'probe' | 'probe2d' | 'probeImages'>;
type ResultsData = Pick<ResultsSlice, 'dataset' | 'lastEpoch' | 'plan' | 'summary' | 'landscape'> &
  ProbeData;

/** No landscape and no probe: before any is computed, or when other weights are explored. */
export function freshLandscape(): Pick<ResultsSlice, 'landscape'> & ProbeData {
  return {
    landscape: EMPTY_LANDSCAPE,
    probe: { t: 0, value: null, pending: false, error: null },
    probe2d: { a: 0, b: 0, value: null, pending: false, error: null },
    probeImages: null,
  };
}

/** The results of no run at all: used at start-up and whenever a new run begins. */
export function freshResults(): ResultsData {
  return { dataset: null, lastEpoch: null, plan: null, summary: null, ...freshLandscape() };
}

export const createResultsSlice: SliceCreator<ResultsSlice> = (set) => ({
  ...freshResults(),
  setDatasetInfo: (dataset) => set({ dataset }),
  setLastEpoch: (lastEpoch) => set({ lastEpoch }),
  setPlan: (plan) => set({ plan }),
  setLandscapeStatus: (status) => set((s) => ({ landscape: { ...s.landscape, status } })),
  startLandscape: (config) =>
    set((s) => ({ landscape: { ...s.landscape, status: 'slice', config: { ...config } } })),
  setSliceProgress: (sliceProgress) =>
    set((s) => ({ landscape: { ...s.landscape, sliceProgress } })),
  setSlice: (slice) => set((s) => ({ landscape: { ...s.landscape, slice } })),
  setGridProgress: (gridProgress) => set((s) => ({ landscape: { ...s.landscape, gridProgress } })),
  setGrid: (grid) =>
    set((s) => ({
      landscape: { ...s.landscape, grid, status: 'done' },
      runLandscapes: remember(s, grid),
    })),
  setCoarseGrid: (grid) =>
    set((s) => ({ landscape: { ...s.landscape, grid }, runLandscapes: remember(s, grid) })),
  runLandscapes: {},
  failLandscape: (error) => set((s) => ({ landscape: { ...s.landscape, status: 'error', error } })),
  setProbeT: (t) => set((s) => ({ probe: { ...s.probe, t, pending: true, error: null } })),
  setProbeValue: (value) =>
    set((s) => ({ probe: { ...s.probe, value, pending: !sameT(value.t, s.probe.t) } })),
  setProbeError: (error) => set((s) => ({ probe: { ...s.probe, pending: false, error } })),
  setProbe2dPosition: (a, b) =>
    set((s) => ({ probe2d: { ...s.probe2d, a, b, pending: true, error: null } })),
  setProbe2dValue: (value) =>
    set((s) => ({
      probe2d: {
        ...s.probe2d,
        value,
        pending: !(sameT(value.a, s.probe2d.a) && sameT(value.b, s.probe2d.b)),
      },
    })),
  setProbe2dError: (error) => set((s) => ({ probe2d: { ...s.probe2d, pending: false, error } })),
  setProbeImages: (probeImages) => set({ probeImages }),
});
