/**
 * Allowed ranges of every numeric setting, the one place the settings schema, the controls'
 * inline validation and the URL parser take them from, so that a value typed by hand, a value
 * from a link and a value from an imported file are judged the same way.
 */
import type { NumberSpec } from '../domain/number-spec';

export type { NumberSpec };

/** MNIST and Fashion-MNIST both have 60,000 training and 10,000 test images. */
export const TRAIN_SET_SIZE = 60_000;
export const TEST_SET_SIZE = 10_000;

const MAX_EPOCHS = 100;
/** The most steps a run can take: the whole training set with batch size 1 for MAX_EPOCHS. */
const MAX_STEPS = TRAIN_SET_SIZE * MAX_EPOCHS;

/** Ranges of the training settings (TrainConfig and its flat-minima settings). */
const TRAIN_RANGES = {
  // At least one image per class; 0 is handled separately and means the whole training set.
  subset: { min: 10, max: TRAIN_SET_SIZE, integer: true, step: 1 },
  // Below 1e-5 nothing visibly moves in a few epochs; above 10 every model here diverges.
  lr: { min: 1e-5, max: 10, integer: false, step: 0.01, stepBase: 0 },
  // Momentum 1 never forgets old gradients and the iterates blow up.
  momentum: { min: 0, max: 0.999, integer: false, step: 0.01 },
  weightDecay: { min: 0, max: 0.1, integer: false, step: 0.0001 },
  batchSize: { min: 1, max: 1024, integer: true, step: 1 },
  epochs: { min: 1, max: MAX_EPOCHS, integer: true, step: 1 },
  // Seeds are used as unsigned 32-bit integers by the engine's generator.
  seed: { min: 0, max: 4_294_967_295, integer: true, step: 1 },
  // Metrics are measured on a fixed sample; the test set caps it at 10,000.
  evalSamples: { min: 10, max: TEST_SET_SIZE, integer: true, step: 1 },
  // SAM's ε has norm ρ: 0 turns SAM into its base optimizer (an ablation); at a few units ε is as
  // long as the whole weight vector of these small models and the ascent step leaves any basin.
  rho: { min: 0, max: 5, integer: false, step: 0.01 },
  // m-SAM's sub-batch size (Foret et al. 2021 §4.1): at least one row, at most the largest batch;
  // 0 (handled separately) is the whole batch, i.e. SAM.
  samM: { min: 1, max: 1024, integer: true, step: 1 },
  // A fraction of the step budget: 0 averages from the first epoch, 1 only the last weights.
  swaStart: { min: 0, max: 1, integer: false, step: 0.05 },
  // Steps between averages; the largest run (whole set, batch 1, most epochs) bounds it.
  swaEvery: { min: 1, max: MAX_STEPS, integer: true, step: 1 },
  // The SWA learning rate is a learning rate like any other.
  swaLr: { min: 1e-5, max: 10, integer: false, step: 0.005, stepBase: 0 },
  // StepLR decays every this many epochs; a run has at most MAX_EPOCHS of them.
  stepSize: { min: 1, max: MAX_EPOCHS, integer: true, step: 1 },
  // γ = 1 keeps the lr, smaller values decay it; at 0.01 two decays already stop training.
  gamma: { min: 0.01, max: 1, integer: false, step: 0.05 },
  // Steps per cycle; 0 is handled by the worker and means one epoch.
  cycle: { min: 0, max: MAX_STEPS, integer: true, step: 1 },
  // SWALR's annealing length in epochs; 0 jumps to the SWA learning rate at once.
  annealEpochs: { min: 0, max: MAX_EPOCHS, integer: true, step: 1 },
  // Steps between λ_max measurements (0, handled separately, is off); at most one per run.
  sharpnessEvery: { min: 1, max: MAX_STEPS, integer: true, step: 1 },
  // Steps between SAM update cosines (0, handled separately, is off), as sharpnessEvery.
  cosineEvery: { min: 1, max: MAX_STEPS, integer: true, step: 1 },
  // With 10 classes and noise 0.9 the true class would be 19% of a label's draws against 9% for
  // each other class: barely a signal left. 0.8 (28% vs 8%) is the noisiest still worth studying.
  labelNoise: { min: 0, max: 0.8, integer: false, step: 0.05 },
  // Toy 2-D data: enough points per class to see a shape, few enough to train in seconds.
  toySize: { min: 10, max: 10_000, integer: true, step: 10 },
  // Playground's noise slider, 0 to 50 %.
  toyNoise: { min: 0, max: 0.5, integer: false, step: 0.05 },
  // Gaussian blobs: as many as fit around the circle without merging at low noise.
  toyClasses: { min: 2, max: 6, integer: true, step: 1 },
} as const satisfies Record<string, NumberSpec>;

/** Ranges of the landscape, θ(α) and sharpness settings. */
const ANALYSIS_RANGES = {
  // Three points are the least that show curvature; each point costs one full evaluation.
  slicePoints: { min: 3, max: 201, integer: true, step: 1 },
  // The grid costs size² evaluations; 51 × 51 is the largest the spec allows.
  gridSize: { min: 3, max: 51, integer: true, step: 1 },
  // Half-widths in units of the (filter-normalised) direction: a zero range samples one point
  // over and over; at 10 the weights are ten times their own norm away and every loss is huge.
  sliceRange: { min: 0.01, max: 10, integer: false, step: 0.1, stepBase: 0 },
  gridRange: { min: 0.01, max: 10, integer: false, step: 0.1, stepBase: 0 },
  // θ(α): past a few A–B distances every model here has long diverged; the plot shows nothing.
  alpha: { min: -5, max: 5, integer: false, step: 0.1 },
  // Foret et al. (2021) tune SAM's ρ over {0.01, …, 0.5}; a margin either side.
  sharpnessRho: { min: 0.0001, max: 1, integer: false, step: 0.01, stepBase: 0 },
  // ASAM's radius is relative to |w| and an order of magnitude larger (0.5 to 2 in Kwon et al.).
  adaptiveRho: { min: 0.001, max: 10, integer: false, step: 0.1, stepBase: 0 },
  // m-sharpness's set size: one sample at least, at most the largest sample the panel measures.
  sharpnessM: { min: 1, max: TEST_SET_SIZE, integer: true, step: 1 },
  // Power iteration usually settles in tens of products; a few give a rough value quickly.
  powerIterations: { min: 1, max: 1000, integer: true, step: 1 },
} as const satisfies Record<string, NumberSpec>;

export const RANGES = { ...TRAIN_RANGES, ...ANALYSIS_RANGES } as const;

export type RangedField = keyof typeof RANGES;

// Integers get thousands separators; fractions keep every digit (toLocaleString would round 1e-5 to 0).
const formatLimit = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

/** "Enter a whole number from 1 to 1,024": short enough to sit under a field. */
export function describeRange(spec: NumberSpec): string {
  const kind = spec.integer ? 'a whole number' : 'a number';
  return `Enter ${kind} from ${formatLimit(spec.min)} to ${formatLimit(spec.max)}`;
}

// Plain decimal notation only: Number() would also accept '0x10', 'Infinity' or whitespace.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The number a text spells in plain decimal notation, or null ('', 'abc', '0x10', 'Infinity',
 * and '1e309', which overflows to Infinity, all give null).
 */
export function decimalValue(raw: string): number | null {
  const text = raw.trim();
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** True when a number lies in the range and is whole where the range asks for it. */
export function inRange(value: number, spec: NumberSpec): boolean {
  if (!Number.isFinite(value)) return false;
  if (spec.integer && !Number.isInteger(value)) return false;
  return value >= spec.min && value <= spec.max;
}
