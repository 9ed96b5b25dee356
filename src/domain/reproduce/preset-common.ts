/**
 * What several Reproduce presets share: the paired seeds, the over-parameterised MLP regime of
 * the PyTorch pilot, and the probes. Each preset file builds on these.
 */
import type { ProbeSettings } from './preset-types';

/** Paired seeds: five is the fewest the statistics of `stats.ts` make sense with. */
export const SEEDS = [1, 2, 3, 4, 5];

/** Training that reaches near-zero train loss with an over-parameterised model (50,890 weights). */
export const mlp = (lr: number) => ({
  dataset: 'fashion-mnist' as const,
  subset: 1000,
  model: 'mlp' as const,
  lr,
  // Plain SGD: the stability threshold 2/η is then exact (Cohen et al. 2021).
  momentum: 0,
  weightDecay: 0,
  batchSize: 32,
  epochs: 40,
  evalSamples: 1000,
});

export const PROBE: ProbeSettings = {
  directions: 3,
  // 25 points (step 1/12): the basin's edges are interpolated between samples, and slices are
  // the bulk of SWA vs SGD's cost (every point evaluates 1,000 train and 1,000 test images).
  slicePoints: 25,
  sliceRange: 1,
  basinRise: 0.1,
  // The whole 1,000-image subset: basins, barriers and λ_max of the loss that was minimised.
  evalSamples: 1000,
  sharpnessSamples: 1000,
  interpolationPoints: 11,
  testSamples: 10_000,
};
