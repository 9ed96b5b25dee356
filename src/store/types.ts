import type { StateCreator } from 'zustand/vanilla';
import type {
  BackendInfo,
  DatasetInfo,
  EpochEvent,
  FlatMinimaSettings,
  GridResult,
  LandscapeConfig,
  PlanEvent,
  PlaneValue,
  PointValue,
  ProbeImages,
  Progress,
  RunInfo,
  SliceResult,
  TrainConfig,
  TrainSummary,
  WeightsRef,
} from '../domain/api';

/** A URL parameter that was present but not applied, with the reason shown to the user. */
export interface IgnoredParam {
  name: string;
  value: string;
  reason: string;
}

/** Fields of the controls that can hold an invalid draft (shown inline, blocking Train). */
export type EditableField =
  | 'lr'
  | 'momentum'
  | 'batchSize'
  | 'epochs'
  | 'seed'
  | 'rho'
  | 'swaStart'
  | 'swaEvery'
  | 'sharpnessEvery'
  | 'swaLr'
  | 'stepSize'
  | 'gamma'
  | 'cycle'
  | 'annealEpochs'
  | 'labelNoise';
export type FieldErrors = Partial<Record<EditableField, string>>;

export interface SettingsSlice {
  train: TrainConfig;
  landscapeConfig: LandscapeConfig;
  fieldErrors: FieldErrors;
  ignoredParams: IgnoredParam[];
  /** Name of the preset the settings came from (carried by links), or null. */
  preset: string | null;
  setTrain: (patch: Partial<TrainConfig>) => void;
  /**
   * Records flat-minima settings the user chose. `train.flat` holds only these overrides: the
   * rest follow the paper defaults of the optimizer and learning rate (see `resolveFlat`).
   */
  setFlat: (patch: Partial<FlatMinimaSettings>) => void;
  /** Back to the paper defaults for every optimizer setting (label noise is data, so it stays). */
  resetFlat: () => void;
  setLandscapeConfig: (patch: Partial<LandscapeConfig>) => void;
  setFieldError: (field: EditableField, message: string | null) => void;
  setIgnoredParams: (params: IgnoredParam[]) => void;
  dismissIgnoredParams: () => void;
  setPreset: (name: string | null) => void;
}

export type RunStatus =
  'idle' | 'loading' | 'training' | 'paused' | 'finished' | 'stopped' | 'error';

export interface RunState {
  /** Increments with every Train click; results tagged with an older id are discarded. */
  id: number;
  status: RunStatus;
  step: number;
  epoch: number;
  totalSteps: number;
  epochs: number;
  etaMs: number | null;
  stepsPerSecond: number | null;
  message: string;
}

export interface StepProgress {
  step: number;
  epoch: number;
  totalSteps: number;
  elapsedMs: number;
}

export interface RunSlice {
  run: RunState;
  /** Resets run state and results for a new run (one Train or one Compare) and returns its id. */
  beginRun: (epochs: number) => number;
  setRunStatus: (status: RunStatus, message: string) => void;
  recordProgress: (progress: StepProgress) => void;
  finishRun: (summary: TrainSummary) => void;
  failRun: (message: string) => void;
}

export interface BackendState {
  status: 'pending' | 'ready' | 'error';
  info: BackendInfo | null;
  error: string | null;
}

export interface BackendSlice {
  backend: BackendState;
  setBackendInfo: (info: BackendInfo) => void;
  setBackendError: (message: string) => void;
  /** What happened when the GPU device was lost mid-run and training moved to another backend. */
  deviceNotice: string | null;
  setDeviceNotice: (message: string | null) => void;
}

export type LandscapeStatus = 'idle' | 'slice' | 'grid' | 'done' | 'error';

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

/** Where a comparison is: which of its runs trains now. */
export interface CompareProgress {
  /** 1-based position of the training run. */
  index: number;
  total: number;
  name: string;
}

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

export type FlatlandState = SettingsSlice & RunSlice & BackendSlice & ResultsSlice & RunsSlice;

/** The slices pattern: each slice sees the whole state but creates only its own part. */
export type SliceCreator<T> = StateCreator<FlatlandState, [], [], T>;
