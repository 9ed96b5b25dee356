import type {
  DatasetInfo,
  EpochEvent,
  GridResult,
  LandscapeConfig,
  PlanEvent,
  PlaneValue,
  PointValue,
  ProbeImages,
  Progress,
  SliceResult,
  TrainSummary,
} from '../domain/api';
import type { FlatlandState, SliceCreator } from './types';

/** Where the landscape is: nothing yet, computing the slice or the grid, done, or failed. */
export type LandscapeStatus = 'idle' | 'slice' | 'grid' | 'done' | 'error';

/** The 1D slice and 2D grid of the explored weights, with their progress. */
export interface LandscapeState {
  status: LandscapeStatus;
  slice: SliceResult | null;
  grid: GridResult | null;
  sliceProgress: Progress | null;
  gridProgress: Progress | null;
  error: string | null;
  /**
   * The settings this landscape is computed with, fixed when it starts: the page's settings may
   * change while it computes, and a saved landscape must name the directions it was drawn on.
   */
  config: LandscapeConfig | null;
}

/** The 1D slider: the position on the slice and the value there. */
export interface ProbeState {
  /** Slider position; `value` may lag behind it while a request is in flight. */
  t: number;
  value: PointValue | null;
  pending: boolean;
  error: string | null;
}

/** The 2D sliders: the position on the grid's plane and the value there. */
export interface PlaneProbeState {
  /** Slider position; `value` may lag behind it while a request is in flight. */
  a: number;
  b: number;
  value: PlaneValue | null;
  pending: boolean;
  error: string | null;
}

/** What training and the landscape computed for the run on screen, with their setters. */
export interface ResultsSlice {
  dataset: DatasetInfo | null;
  lastEpoch: EpochEvent | null;
  /** What the schedule and averaging of the training run resolved to. */
  plan: PlanEvent | null;
  summary: TrainSummary | null;
  landscape: LandscapeState;
  probe: ProbeState;
  probe2d: PlaneProbeState;
  /** The strip of test images under the sliders (of the explored weights' dataset). */
  probeImages: ProbeImages | null;
  setDatasetInfo: (info: DatasetInfo) => void;
  setLastEpoch: (epoch: EpochEvent) => void;
  setPlan: (plan: PlanEvent) => void;
  setLandscapeStatus: (status: LandscapeStatus) => void;
  /** A new slice and grid start with `config`: status 'slice', the config kept with them. */
  startLandscape: (config: LandscapeConfig) => void;
  setSliceProgress: (progress: Progress) => void;
  setSlice: (slice: SliceResult) => void;
  setGridProgress: (progress: Progress) => void;
  setGrid: (grid: GridResult) => void;
  /** The coarse surface of a progressive grid: drawn at once, while the rest is computed. */
  setCoarseGrid: (grid: GridResult) => void;
  /**
   * The latest landscape drawn for each run (by run id), coarse or full: what a colour scale
   * shared across runs spans. Kept across new runs; entries of deleted runs are ignored.
   */
  runLandscapes: Record<string, GridResult>;
  failLandscape: (message: string) => void;
  setProbeT: (t: number) => void;
  setProbeValue: (value: PointValue) => void;
  setProbeError: (message: string) => void;
  setProbe2dPosition: (a: number, b: number) => void;
  setProbe2dValue: (value: PlaneValue) => void;
  setProbe2dError: (message: string) => void;
  setProbeImages: (images: ProbeImages) => void;
}

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

/** Creates the results slice: the results of no run at all. */
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
