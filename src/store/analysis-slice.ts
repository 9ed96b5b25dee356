/**
 * State of the analysis panels: the one analysis job that may run at a time (recomputed
 * landscape, θ(α) interpolation or sharpness), their settings and results. The run list itself is
 * the runs slice's. Everything is plain data (RunInfo, reports and results are clone-safe).
 */
import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_SETTINGS } from '../schema';
import type {
  LabelChoice,
  DirectionKind,
  InterpolationConfig,
  InterpolationResult,
  Progress,
  RunInfo,
  SharpnessReport,
  SharpnessStage,
  WeightsChoice,
  WeightsRef,
} from '../domain/api';
import type { FlatlandState } from './types';

/** `comparison`: the slices and curvature measured for a comparison's runs once it has trained. */
export type AnalysisJobKind = 'landscape' | 'interpolation' | 'sharpness' | 'comparison';

export interface AnalysisJob {
  kind: AnalysisJobKind;
  /** Progress within the running stage; null until the worker's first report. */
  progress: Progress | null;
  /** Sharpness: the measure that runs and where it is among those requested. */
  stage: { name: SharpnessStage; index: number; count: number } | null;
  /** Sharpness of several runs: the run being measured (0-based) among how many. */
  item: { index: number; count: number; label: string } | null;
  /** Cancel was pressed; the worker stops at its next check. */
  cancelling: boolean;
}

/** The interpolation form: two checkpoints and the α grid. */
export interface InterpolationDraft {
  a: WeightsRef | null;
  b: WeightsRef | null;
  from: number;
  to: number;
  points: number;
}

/** A finished interpolation with what it was asked for, so the plot can name its ends. */
export interface InterpolationOutcome {
  config: InterpolationConfig;
  labelA: string;
  labelB: string;
  result: InterpolationResult;
}

export interface InterpolationState {
  draft: InterpolationDraft;
  outcome: InterpolationOutcome | null;
  error: string | null;
}

export interface SharpnessSettings {
  /** Training samples the loss is averaged over. */
  samples: number;
  rho: number;
  adaptiveRho: number;
  seed: number;
  /** At most this many Hessian-vector products per power iteration of λ_max. */
  powerIterations: number;
  /** Training labels of the sample (absent in entries saved before the choice: `trained`). */
  labels?: LabelChoice;
}

/** One measured run: its info at measuring time, which weights and the settings used. */
export interface SharpnessEntry {
  run: RunInfo;
  which: WeightsChoice;
  settings: SharpnessSettings;
  report: SharpnessReport;
}

export interface SharpnessState {
  settings: SharpnessSettings;
  /** The run to measure (null: the newest). */
  runId: string | null;
  /** Measure every run trained with the same settings as `runId` (a comparison's four runs). */
  sameSettings: boolean;
  entries: SharpnessEntry[];
  error: string | null;
}

/** Loss level of the 1D basin width: L(w)·(1 + value) when relative, `value` when absolute. */
export interface BasinSettings {
  kind: 'relative' | 'absolute';
  value: number;
}

export interface AnalysisState {
  job: AnalysisJob | null;
  /** Direction of the 1D slice on screen (its axis title). */
  sliceKind: DirectionKind;
  interpolation: InterpolationState;
  sharpness: SharpnessState;
  basin: BasinSettings;
  /**
   * "Same colour scale for all runs" as the user set it; null until then (on by default once two
   * runs have landscapes, see `sharedScaleOn`).
   */
  sharedColorScale: boolean | null;
}

export interface AnalysisSlice {
  analysis: AnalysisState;
  /** Claims the analysis job slot; false (and nothing changes) while another job holds it. */
  startAnalysisJob: (kind: AnalysisJobKind) => boolean;
  reportAnalysisJob: (patch: Partial<Pick<AnalysisJob, 'progress' | 'stage' | 'item'>>) => void;
  markAnalysisCancelling: () => void;
  finishAnalysisJob: () => void;
  setSliceKind: (kind: DirectionKind) => void;
  setInterpolationDraft: (patch: Partial<InterpolationDraft>) => void;
  setInterpolationOutcome: (outcome: InterpolationOutcome) => void;
  setInterpolationError: (message: string | null) => void;
  setSharpnessSettings: (patch: Partial<SharpnessSettings>) => void;
  setSharpnessTarget: (patch: Partial<Pick<SharpnessState, 'runId' | 'sameSettings'>>) => void;
  /** Adds a measured run, replacing an earlier entry for the same run. */
  addSharpnessEntry: (entry: SharpnessEntry) => void;
  clearSharpnessEntries: () => void;
  setSharpnessError: (message: string | null) => void;
  setBasin: (patch: Partial<BasinSettings>) => void;
  setSharedColorScale: (on: boolean) => void;
}

/** The worker's defaults for θ(α) and sharpness, from the settings schema (which says why). */
export const DEFAULT_INTERPOLATION: InterpolationDraft = {
  a: null,
  b: null,
  ...DEFAULT_SETTINGS.interpolation,
};

export const DEFAULT_SHARPNESS: SharpnessSettings = DEFAULT_SETTINGS.sharpness;

/** "Within 10% of L(w)", the example level of the basin-width definition. */
export const DEFAULT_BASIN: BasinSettings = { kind: 'relative', value: 0.1 };

export function freshAnalysis(): AnalysisState {
  return {
    job: null,
    sliceKind: 'random',
    interpolation: { draft: { ...DEFAULT_INTERPOLATION }, outcome: null, error: null },
    sharpness: {
      settings: { ...DEFAULT_SHARPNESS },
      runId: null,
      sameSettings: false,
      entries: [],
      error: null,
    },
    basin: { ...DEFAULT_BASIN },
    sharedColorScale: null,
  };
}

type AnalysisCreator = StateCreator<FlatlandState & AnalysisSlice, [], [], AnalysisSlice>;
type Set = Parameters<AnalysisCreator>[0];

/** Updates one part of `analysis` (the rest is kept). */
function patchAnalysis<K extends keyof AnalysisState>(
  set: Set,
  key: K,
  update: (value: AnalysisState[K]) => AnalysisState[K],
): void {
  set((s) => ({ analysis: { ...s.analysis, [key]: update(s.analysis[key]) } }));
}

function jobActions(set: Set, get: () => AnalysisSlice) {
  return {
    startAnalysisJob: (kind: AnalysisJobKind) => {
      if (get().analysis.job) return false;
      const job: AnalysisJob = { kind, progress: null, stage: null, item: null, cancelling: false };
      patchAnalysis(set, 'job', () => job);
      return true;
    },
    reportAnalysisJob: (patch: Partial<Pick<AnalysisJob, 'progress' | 'stage' | 'item'>>) =>
      patchAnalysis(set, 'job', (job) => job && { ...job, ...patch }),
    markAnalysisCancelling: () =>
      patchAnalysis(set, 'job', (job) => job && { ...job, cancelling: true }),
    finishAnalysisJob: () => patchAnalysis(set, 'job', () => null),
  };
}

function interpolationActions(set: Set) {
  return {
    setInterpolationDraft: (patch: Partial<InterpolationDraft>) =>
      patchAnalysis(set, 'interpolation', (i) => ({ ...i, draft: { ...i.draft, ...patch } })),
    setInterpolationOutcome: (outcome: InterpolationOutcome) =>
      patchAnalysis(set, 'interpolation', (i) => ({ ...i, outcome, error: null })),
    setInterpolationError: (error: string | null) =>
      patchAnalysis(set, 'interpolation', (i) => ({ ...i, error })),
  };
}

function sharpnessActions(set: Set) {
  return {
    setSharpnessSettings: (patch: Partial<SharpnessSettings>) =>
      patchAnalysis(set, 'sharpness', (s) => ({ ...s, settings: { ...s.settings, ...patch } })),
    setSharpnessTarget: (patch: Partial<Pick<SharpnessState, 'runId' | 'sameSettings'>>) =>
      patchAnalysis(set, 'sharpness', (s) => ({ ...s, ...patch })),
    addSharpnessEntry: (entry: SharpnessEntry) =>
      patchAnalysis(set, 'sharpness', (s) => {
        const at = s.entries.findIndex((e) => e.run.id === entry.run.id);
        const entries =
          at < 0 ? [...s.entries, entry] : s.entries.map((e, i) => (i === at ? entry : e));
        return { ...s, entries, error: null };
      }),
    clearSharpnessEntries: () => patchAnalysis(set, 'sharpness', (s) => ({ ...s, entries: [] })),
    setSharpnessError: (error: string | null) =>
      patchAnalysis(set, 'sharpness', (s) => ({ ...s, error })),
  };
}

export const createAnalysisSlice: AnalysisCreator = (set, get) => ({
  analysis: freshAnalysis(),
  setSliceKind: (kind) => patchAnalysis(set, 'sliceKind', () => kind),
  setBasin: (patch) => patchAnalysis(set, 'basin', (b) => ({ ...b, ...patch })),
  setSharedColorScale: (on) => patchAnalysis(set, 'sharedColorScale', () => on),
  ...jobActions(set, get),
  ...interpolationActions(set),
  ...sharpnessActions(set),
});
