import type { LandscapeConfig, TrainConfig } from '../worker/api';

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
