/**
 * Which sharpness measures a click computes. The Hutchinson trace alone costs 100
 * Hessian-vector products, so a user after λ_max only (or a slow software GPU) can skip it.
 */
import type { SharpnessSettings } from '../../store/analysis-slice';
import type { SharpnessConfig, SharpnessStage, WeightsRef } from '../../domain/api';

/** Every measure in the worker's order, labelled as its column in the table. */
export const MEASURES: readonly { stage: SharpnessStage; label: string }[] = [
  { stage: 'lambdaMax', label: 'λ_max' },
  { stage: 'trace', label: 'Trace' },
  { stage: 'rhoSharpness', label: 'ρ-sharpness' },
  { stage: 'adaptiveSharpness', label: 'Adaptive ρ-sharpness' },
  { stage: 'averageSharpness', label: 'Average-case' },
  { stage: 'adaptiveAverageSharpness', label: 'Adaptive average-case' },
  { stage: 'mSharpness', label: 'm-sharpness' },
];

export const ALL_MEASURES: readonly SharpnessStage[] = MEASURES.map((m) => m.stage);

/**
 * The measures ticked on a fresh page: all but the m-sharpness, which costs another ρ-sharpness
 * and needs m ≤ samples, so lowering the samples alone never blocks the default click.
 */
export const DEFAULT_MEASURES: readonly SharpnessStage[] = ALL_MEASURES.filter(
  (s) => s !== 'mSharpness',
);

/** `stages` with `stage` switched on or off, in the worker's order. */
export function toggleMeasure(
  stages: readonly SharpnessStage[],
  stage: SharpnessStage,
  on: boolean,
): SharpnessStage[] {
  return ALL_MEASURES.filter((s) => (s === stage ? on : stages.includes(s)));
}

/**
 * The worker request for one run's weights. `stages` is left out when every measure is wanted,
 * so the worker's default (all) applies.
 */
export function sharpnessRequest(
  weights: WeightsRef,
  settings: SharpnessSettings,
  stages: readonly SharpnessStage[] = ALL_MEASURES,
): SharpnessConfig {
  const all = ALL_MEASURES.every((s) => stages.includes(s));
  return { weights, ...settings, ...(all ? {} : { stages: [...stages] }) };
}
