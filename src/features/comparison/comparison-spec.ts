/**
 * What the comparison view measures for a comparison's runs, decided once when it starts. Pure,
 * so the requests are unit-tested.
 */
import type { BasinSettings, SharpnessSettings } from '../../store/analysis-slice';
import type {
  LabelChoice,
  LandscapeConfig,
  SharpnessConfig,
  SharpnessStage,
} from '../../domain/api';

/**
 * Caps on the Sharpness panel's sample and power iterations, and a small Hutchinson probe count:
 * the view appears by itself after every comparison, so it must take seconds on the CPU backend,
 * not the minutes of PyHessian-sized settings (which remain in the Sharpness panel for a careful
 * measurement). Lower settings there apply here too.
 */
export const COMPARISON_SAMPLES = 64;
export const COMPARISON_POWER_ITERATIONS = 12;
export const COMPARISON_TRACE_PROBES = 12;
export const COMPARISON_STAGES: SharpnessStage[] = ['lambdaMax', 'trace'];

export interface ComparisonSpec {
  /** The 1D slice of every run: one shared raw random draw, filter-normalised per run. */
  landscape: LandscapeConfig;
  /** λ_max and trace of every run, without its weights. */
  sharpness: Omit<SharpnessConfig, 'weights'>;
  /** The loss level of the basin width, as the Sharpness panel's basin setting said at start. */
  basin: BasinSettings;
  labels: LabelChoice;
}

export interface SpecInputs {
  landscape: LandscapeConfig;
  sharpness: Pick<
    SharpnessSettings,
    'samples' | 'seed' | 'powerIterations' | 'rho' | 'adaptiveRho'
  >;
  basin: BasinSettings;
}

/**
 * Every run is cut along the first run's raw random draw (`shareWith`), each normalised to its own
 * filters (Li et al. 2018 §4), so the curves differ only by the weights. Slices and curvature
 * use the same training labels: the run's own (label noise included) unless the landscape
 * settings ask for the clean ones.
 */
export function comparisonSpec(inputs: SpecInputs, firstRunId: string): ComparisonSpec {
  const labels = inputs.landscape.labels ?? 'trained';
  const landscape: LandscapeConfig = {
    ...inputs.landscape,
    labels,
    directions: {
      kind1: 'random',
      kind2: 'random',
      normalization: 'filter',
      ignoreBiasBn: true,
      orthogonalize: false,
      shareWith: firstRunId,
    },
  };
  const sharpness: Omit<SharpnessConfig, 'weights'> = {
    samples: Math.min(COMPARISON_SAMPLES, inputs.sharpness.samples),
    seed: inputs.sharpness.seed,
    // Unused by λ_max and the trace; the request needs them.
    rho: inputs.sharpness.rho,
    adaptiveRho: inputs.sharpness.adaptiveRho,
    stages: COMPARISON_STAGES,
    powerIterations: Math.min(COMPARISON_POWER_ITERATIONS, inputs.sharpness.powerIterations),
    traceProbes: COMPARISON_TRACE_PROBES,
    labels,
  };
  return { landscape, sharpness, basin: { ...inputs.basin }, labels };
}
