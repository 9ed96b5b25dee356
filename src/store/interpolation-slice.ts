/** The θ(α) interpolation panel: its form, the last outcome and why the last attempt failed. */
import type { InterpolationOutcome } from '../domain/analysis-records';
import type { WeightsRef } from '../domain/api';
import { DEFAULT_SETTINGS } from '../schema';
import { patchAnalysis } from './analysis-state';
import type { SliceCreator } from './types';

export type { InterpolationOutcome } from '../domain/analysis-records';

/** The interpolation form: two checkpoints and the α grid. */
export interface InterpolationDraft {
  a: WeightsRef | null;
  b: WeightsRef | null;
  from: number;
  to: number;
  points: number;
}

/** `analysis.interpolation`. */
export interface InterpolationState {
  draft: InterpolationDraft;
  outcome: InterpolationOutcome | null;
  error: string | null;
}

/** Actions on `analysis.interpolation`. */
export interface InterpolationSlice {
  setInterpolationDraft: (patch: Partial<InterpolationDraft>) => void;
  setInterpolationOutcome: (outcome: InterpolationOutcome) => void;
  setInterpolationError: (message: string | null) => void;
}

/** The worker's defaults for θ(α), from the settings schema (which says why). */
export const DEFAULT_INTERPOLATION: InterpolationDraft = {
  a: null,
  b: null,
  ...DEFAULT_SETTINGS.interpolation,
};

/** No interpolation yet: the default form. */
export function freshInterpolation(): InterpolationState {
  return { draft: { ...DEFAULT_INTERPOLATION }, outcome: null, error: null };
}

/** Creates the interpolation actions; its state starts in `freshAnalysis`. */
export const createInterpolationSlice: SliceCreator<InterpolationSlice> = (set) => ({
  setInterpolationDraft: (patch) =>
    patchAnalysis(set, 'interpolation', (i) => ({ ...i, draft: { ...i.draft, ...patch } })),
  setInterpolationOutcome: (outcome) =>
    patchAnalysis(set, 'interpolation', (i) => ({ ...i, outcome, error: null })),
  setInterpolationError: (error) => patchAnalysis(set, 'interpolation', (i) => ({ ...i, error })),
});
