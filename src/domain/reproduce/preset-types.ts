/** The shape of a Reproduce preset: its training setup, how it probes solutions, its claims. */
import type { OptimizerId, TrainConfig } from '../api';

/**
 * What a run is measured by. `testError` is on the whole test set; `trainLoss` on the whole
 * training subset (the "near-zero training loss" regime check); `barrier` is max over α of
 * L(θ(α)) minus the chord, SGD → optimizer.
 */
export type Measure = 'testError' | 'trainLoss' | 'basinWidth' | 'lambdaMax' | 'barrier';

/**
 * One observation of a paper, as a test on paired per-seed effects (same seed: same initial
 * weights and data order for every optimizer). `lower`/`higher`: the effect is `a` − `b` (relative
 * to |b| when `relative`), claimed negative/positive; `nearZero`/`positive`: the effect is `a`'s
 * barrier − `tolerance`, claimed negative/positive.
 */
export type Claim =
  | {
      kind: 'lower' | 'higher';
      text: string;
      measure: Exclude<Measure, 'barrier'>;
      a: OptimizerId;
      b: OptimizerId;
      /** Differences relative to |b| (scale-free measures like λ_max and widths). */
      relative: boolean;
    }
  | {
      kind: 'nearZero' | 'positive';
      text: string;
      measure: 'barrier';
      a: OptimizerId;
      /** The barrier height (train loss) that separates "one basin" from "a barrier". */
      tolerance: number;
    };

/** How the solutions are probed after training. */
export interface ProbeSettings {
  /** Random filter-normalised directions for the basin width (shared by the runs of a seed). */
  directions: number;
  slicePoints: number;
  /** Slices run over t ∈ [−sliceRange, sliceRange]. */
  sliceRange: number;
  /** Basin width at train loss ≤ L(w) + basinRise along each direction. */
  basinRise: number;
  /** Samples of train and test for slices and θ(α). */
  evalSamples: number;
  /** Training samples of the λ_max estimate. */
  sharpnessSamples: number;
  /** Points of θ(α) on α ∈ [0, 1]. */
  interpolationPoints: number;
  /** Test images the final test error is measured on (10,000: the whole test set). */
  testSamples: number;
}

export type PresetId = 'swa-vs-sgd' | 'sam-vs-sgd' | 'kaddour' | 'all-four';

export interface Preset {
  id: PresetId;
  /** The full preset, or its tiny variant for browser tests (same claims, seconds to run). */
  size: 'full' | 'quick';
  /** The button reads "Reproduce: " + label. */
  label: string;
  paper: string;
  observation: string;
  /** Why this regime can show the effect, with the literature it follows. */
  regime: string;
  /** Everything but the optimizer and seed, which the preset sets per run. */
  train: Omit<TrainConfig, 'optimizer' | 'seed'>;
  optimizers: OptimizerId[];
  /** Paired seeds: each trains every optimizer from the same initial weights and data order. */
  seeds: number[];
  probe: ProbeSettings;
  claims: Claim[];
}
