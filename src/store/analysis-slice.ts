/**
 * State of the analysis panels, composed of one slice per panel: the job slot, the landscape
 * view, θ(α) interpolation and sharpness. They share the `analysis` object (see
 * `analysis-state.ts`); the run list itself is the runs slice's. Everything is plain data
 * (RunInfo, reports and results are clone-safe).
 */
import { createAnalysisJobSlice, type AnalysisJobSlice } from './analysis-job-slice';
import type { AnalysisState } from './analysis-state';
import { createInterpolationSlice, freshInterpolation } from './interpolation-slice';
import type { InterpolationSlice } from './interpolation-slice';
import { createLandscapeViewSlice, type LandscapeViewSlice } from './landscape-view-slice';
import { createSharpnessSlice, DEFAULT_BASIN, freshSharpness } from './sharpness-slice';
import type { SharpnessSlice } from './sharpness-slice';
import type { SliceCreator } from './types';

// The panels' names, so that a consumer takes the analysis state from one module.
export type * from './analysis-job-slice';
export type * from './analysis-state';
export type * from './interpolation-slice';
export type * from './landscape-view-slice';
export type * from './sharpness-slice';
export { DEFAULT_INTERPOLATION } from './interpolation-slice';
export { DEFAULT_BASIN, DEFAULT_SHARPNESS } from './sharpness-slice';

/** The `analysis` state and every panel's actions. */
export type AnalysisSlice = { analysis: AnalysisState } & AnalysisJobSlice &
  LandscapeViewSlice &
  InterpolationSlice &
  SharpnessSlice;

/** No job, nothing measured, every panel at its defaults. */
export function freshAnalysis(): AnalysisState {
  return {
    job: null,
    sliceKind: 'random',
    interpolation: freshInterpolation(),
    sharpness: freshSharpness(),
    basin: { ...DEFAULT_BASIN },
    sharedColorScale: null,
  };
}

/** Creates the `analysis` state and the actions of each panel's slice. */
export const createAnalysisSlice: SliceCreator<AnalysisSlice> = (...a) => ({
  analysis: freshAnalysis(),
  ...createAnalysisJobSlice(...a),
  ...createLandscapeViewSlice(...a),
  ...createInterpolationSlice(...a),
  ...createSharpnessSlice(...a),
});
