/**
 * What the analysis panels keep of a measurement: the store shows it, IndexedDB and run files
 * save it with the run. Plain data, declared here once so that the store and persistence share it
 * without importing each other.
 */
import type {
  InterpolationConfig,
  InterpolationResult,
  LabelChoice,
  RunInfo,
  SharpnessReport,
  WeightsChoice,
} from './api';

/** A finished interpolation with what it was asked for, so the plot can name its ends. */
export interface InterpolationOutcome {
  config: InterpolationConfig;
  labelA: string;
  labelB: string;
  result: InterpolationResult;
}

/** The settings of a sharpness measurement. */
export interface SharpnessSettings {
  /** Training samples the loss is averaged over. */
  samples: number;
  rho: number;
  adaptiveRho: number;
  /** Set size of the m-sharpness (absent in entries saved before it: 50). */
  m?: number;
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
