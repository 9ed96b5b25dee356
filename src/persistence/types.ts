/**
 * What is kept of a run outside the worker: in IndexedDB and in exported files. The store only
 * ever holds the small parts (RunInfo, results); weights go straight between the worker and
 * IndexedDB or a file.
 */
import type { InterpolationOutcome, SharpnessEntry } from '../domain/analysis-records';
import type {
  GridResult,
  LandscapeConfig,
  RunInfo,
  RunWeights,
  SliceResult,
  TrainEvent,
} from '../domain/api';

/** Results computed on a run after training, shown again when it is restored. */
export interface RunResults {
  /** The 1D slice and 2D grid of the run's solution, with the settings they were computed with. */
  landscape?: { config: LandscapeConfig; slice: SliceResult | null; grid: GridResult | null };
  /** The newest θ(α) interpolation whose first end is this run. */
  interpolation?: InterpolationOutcome;
  /** Sharpness measured on this run. */
  sharpness?: SharpnessEntry[];
}

/** The small part of a saved run (one IndexedDB record, or one entry of a file header). */
export interface SavedRun {
  info: RunInfo;
  /** Saved while training: the page went away before it ended (restored as stopped). */
  live: boolean;
  events: TrainEvent[];
  results: RunResults;
  /** When it was last saved (ms since the epoch). */
  savedAt: number;
}

/** A saved run with all its weights (checkpoints from 0, final weights and state). */
export interface FullRun extends SavedRun {
  weights: RunWeights;
}
