/**
 * The one analysis job that may run at a time (recomputed landscape, θ(α) interpolation,
 * sharpness or a comparison's measurements): which one, its progress and whether it is cancelling.
 */
import type { Progress, SharpnessStage } from '../domain/api';
import { patchAnalysis } from './analysis-state';
import type { SliceCreator } from './types';

/**
 * `comparison`: the slices and curvature measured for a comparison's runs once it has trained;
 * `curvature`: the convexity map of the explored weights.
 */
export type AnalysisJobKind =
  | 'landscape'
  | 'interpolation'
  | 'sharpness'
  | 'comparison'
  | 'ensembles'
  | 'connect'
  | 'curvature';

/** The running analysis job. */
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

/** Actions on `analysis.job`. */
export interface AnalysisJobSlice {
  /** Claims the analysis job slot; false (and nothing changes) while another job holds it. */
  startAnalysisJob: (kind: AnalysisJobKind) => boolean;
  reportAnalysisJob: (patch: Partial<Pick<AnalysisJob, 'progress' | 'stage' | 'item'>>) => void;
  markAnalysisCancelling: () => void;
  finishAnalysisJob: () => void;
}

/** Creates the job actions; `analysis.job` itself starts null (see `freshAnalysis`). */
export const createAnalysisJobSlice: SliceCreator<AnalysisJobSlice> = (set, get) => ({
  startAnalysisJob: (kind) => {
    if (get().analysis.job) return false;
    const job: AnalysisJob = { kind, progress: null, stage: null, item: null, cancelling: false };
    patchAnalysis(set, 'job', () => job);
    return true;
  },
  // A report after the end finds no job and leaves it null rather than resurrecting one.
  reportAnalysisJob: (patch) => patchAnalysis(set, 'job', (job) => job && { ...job, ...patch }),
  markAnalysisCancelling: () =>
    patchAnalysis(set, 'job', (job) => job && { ...job, cancelling: true }),
  finishAnalysisJob: () => patchAnalysis(set, 'job', () => null),
});
