/**
 * The `analysis` part of the state: one object that the panel slices (job, landscape view,
 * interpolation, sharpness) share, each owning its keys. Kept in one object so that a panel reads
 * all it shows with one stable selector and a saved run's results are found in one place.
 */
import type { DirectionKind } from '../domain/api';
import type { AnalysisJob } from './analysis-job-slice';
import type { InterpolationState } from './interpolation-slice';
import type { BasinSettings, SharpnessState } from './sharpness-slice';
import type { SliceCreator } from './types';

/** Everything the analysis panels show: their settings, the running job and the results. */
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

type Set = Parameters<SliceCreator<unknown>>[0];

/** Updates one part of `analysis` (the rest is kept). */
export function patchAnalysis<K extends keyof AnalysisState>(
  set: Set,
  key: K,
  update: (value: AnalysisState[K]) => AnalysisState[K],
): void {
  set((s) => ({ analysis: { ...s.analysis, [key]: update(s.analysis[key]) } }));
}
