/**
 * Allowed ranges of the numeric settings, shared by the controls' inline validation and the URL
 * parser so that a value typed by hand and a value from a link are judged the same way.
 */

export interface NumberSpec {
  min: number;
  max: number;
  integer: boolean;
  /** Spinner increment of the number input. */
  step: number;
  /**
   * The input's `min` attribute when it must differ from `min`: browsers count spinner steps from
   * `min`, so 1e-5 would turn 0.05 + 0.01 into 0.06001.
   */
  stepBase?: number;
}

/** MNIST and Fashion-MNIST both have 60,000 training and 10,000 test images. */
export const TRAIN_SET_SIZE = 60_000;
export const TEST_SET_SIZE = 10_000;

const MAX_EPOCHS = 100;
/** The most steps a run can take: the whole training set with batch size 1 for MAX_EPOCHS. */
const MAX_STEPS = TRAIN_SET_SIZE * MAX_EPOCHS;

export const LIMITS = {
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
  // Three points are the least that show curvature; each point costs one full evaluation.
  slicePoints: { min: 3, max: 201, integer: true, step: 1 },
  // The grid costs size² evaluations; 51 × 51 is the largest the spec allows.
  gridSize: { min: 3, max: 51, integer: true, step: 1 },
  // SAM's ε has norm ρ: 0 turns SAM into its base optimizer (an ablation); at a few units ε is as
  // long as the whole weight vector of these small models and the ascent step leaves any basin.
  rho: { min: 0, max: 5, integer: false, step: 0.01 },
  // A fraction of the step budget: 0 averages from the first epoch, 1 only the last weights.
  swaStart: { min: 0, max: 1, integer: false, step: 0.05 },
  // Steps between averages; the largest run (whole set, batch 1, most epochs) bounds it.
  swaEvery: { min: 1, max: MAX_STEPS, integer: true, step: 1 },
  // The SWA learning rate is a learning rate like any other.
  swaLr: { min: 1e-5, max: 10, integer: false, step: 0.005, stepBase: 0 },
  // StepLR decays every this many epochs; a run has at most LIMITS.epochs.max of them.
  stepSize: { min: 1, max: MAX_EPOCHS, integer: true, step: 1 },
  // γ = 1 keeps the lr, smaller values decay it; at 0.01 two decays already stop training.
  gamma: { min: 0.01, max: 1, integer: false, step: 0.05 },
  // Steps per cycle; 0 is handled by the worker and means one epoch.
  cycle: { min: 0, max: MAX_STEPS, integer: true, step: 1 },
  // SWALR's annealing length in epochs; 0 jumps to the SWA learning rate at once.
  annealEpochs: { min: 0, max: MAX_EPOCHS, integer: true, step: 1 },
  // With 10 classes and noise 0.9 the true class would be 19% of a label's draws against 9% for
  // each other class: barely a signal left. 0.8 (28% vs 8%) is the noisiest still worth studying.
  labelNoise: { min: 0, max: 0.8, integer: false, step: 0.05 },
} as const satisfies Record<string, NumberSpec>;

export type LimitedField = keyof typeof LIMITS;

export type ParseResult = { ok: true; value: number } | { ok: false; message: string };

// Plain decimal notation only: Number() would also accept '0x10', 'Infinity' or whitespace.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// Integers get thousands separators; fractions keep every digit (toLocaleString would round 1e-5 to 0).
const formatLimit = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

function describeRange(spec: NumberSpec): string {
  const kind = spec.integer ? 'a whole number' : 'a number';
  return `Enter ${kind} from ${formatLimit(spec.min)} to ${formatLimit(spec.max)}`;
}

/** Parses user or URL text and checks it against a range; the message is short enough for inline use. */
export function parseNumber(raw: string, spec: NumberSpec): ParseResult {
  const text = raw.trim();
  if (!DECIMAL.test(text)) return { ok: false, message: describeRange(spec) };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, message: describeRange(spec) };
  if (spec.integer && !Number.isInteger(value)) return { ok: false, message: describeRange(spec) };
  if (value < spec.min || value > spec.max) return { ok: false, message: describeRange(spec) };
  return { ok: true, value };
}

/** The training subset: 'all' or 0 for the whole set, otherwise a size within LIMITS.subset. */
export function parseSubset(raw: string): ParseResult {
  const text = raw.trim().toLowerCase();
  if (text === 'all' || text === '0') return { ok: true, value: 0 };
  const parsed = parseNumber(text, LIMITS.subset);
  return parsed.ok ? parsed : { ok: false, message: `'all' or ${parsed.message.toLowerCase()}` };
}
