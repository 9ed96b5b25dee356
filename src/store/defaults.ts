import type { LandscapeConfig, OptimizerId, TrainConfig } from '../worker/api';

/** A run that finishes in well under a minute on software WebGPU yet learns something visible. */
export const DEFAULT_TRAIN: TrainConfig = {
  dataset: 'mnist',
  subset: 2000,
  model: 'tiny-cnn',
  optimizer: 'sgd',
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 64,
  epochs: 3,
  seed: 1,
  evalSamples: 1000,
};

/** Odd point counts put t = 0 (the trained weights) exactly on the slice and on the grid. */
export const DEFAULT_LANDSCAPE: LandscapeConfig = {
  slicePoints: 51,
  sliceRange: 1,
  gridSize: 21,
  gridRange: 1,
  evalSamples: 1000,
  seed: 1,
};

/**
 * The order in which `compare` trains its runs, and each optimizer's short name and colour, as
 * the worker defines them (`COMPARE_ORDER` in service.ts, `OPTIMIZER_NAMES` and `RUN_COLORS` in
 * runs.ts). Mirrored because importing those modules would pull TF.js into the main thread; a
 * unit test keeps the copies equal. The UI needs them while a run trains, before its RunInfo
 * (the authority on names and colours) exists.
 */
export const COMPARE_ORDER: readonly OptimizerId[] = ['sgd', 'swa', 'sam', 'wasam'];

export const OPTIMIZER_NAMES: Readonly<Record<OptimizerId, string>> = {
  sgd: 'SGD',
  adam: 'Adam',
  swa: 'SWA',
  sam: 'SAM',
  wasam: 'WASAM',
};

export const OPTIMIZER_COLORS: Readonly<Record<OptimizerId, string>> = {
  sgd: '#1f77b4',
  adam: '#ff7f0e',
  swa: '#2ca02c',
  sam: '#d62728',
  wasam: '#9467bd',
};
