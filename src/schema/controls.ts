/**
 * How each numeric setting shows as a field: its label, the line under it, its (i) text and the
 * input's range, keyed by the leaf's dotted path (leaves.ts). The field kit
 * (src/components/fields) draws every number field of the Controls, Interpolation and Sharpness
 * panels from this table, so a new setting is its leaf in settings.ts, its range in ranges.ts
 * and one entry here. Texts are the UI's exactly: browser tests find fields by these labels.
 */
import type { FlatMinimaSettings } from '../domain/api';
import type { NumberSpec, ParseResult } from '../domain/number-spec';
import { parseNumber } from './fields';
import { RANGES } from './ranges';
import type { Settings } from './settings';

/** The paper defaults in force (for the optimizer and lr), which help texts quote. */
export interface HelpDefaults {
  defaults: FlatMinimaSettings;
  /** ρ with ASAM on: ASAM's radius is relative to |w| and has its own default. */
  asamRho: number;
}

/** A help text, or one that quotes the defaults in force. */
export type Help = string | ((d: HelpDefaults) => string);

interface Entry {
  label: string;
  spec: NumberSpec;
  /** Short text always shown under the input. */
  hint?: string;
  help?: Help;
}

/** Dotted paths of the settings' numeric leaves ('train.lr', 'train.flat.rho'). */
type NumberPaths<T, P extends string = ''> = {
  [K in keyof T & string]-?: T[K] extends number | undefined
    ? `${P}${K}`
    : T[K] extends object | undefined
      ? NumberPaths<NonNullable<T[K]>, `${P}${K}.`>
      : never;
}[keyof T & string];

const TRAIN = {
  'train.lr': { label: 'Learning rate', spec: RANGES.lr },
  'train.momentum': {
    label: 'Momentum',
    spec: RANGES.momentum,
    help: 'Fraction of the previous update carried into the next one (heavy-ball SGD)',
  },
  'train.batchSize': { label: 'Batch size', spec: RANGES.batchSize },
  'train.epochs': { label: 'Epochs', spec: RANGES.epochs },
  'train.seed': { label: 'Seed', spec: RANGES.seed },
  // The schema's range with its special value 0 (off) let in.
  'train.sharpnessEvery': {
    label: 'λ_max every',
    spec: { ...RANGES.sharpnessEvery, min: 0 },
    hint: 'steps (0: off)',
    help: "Sharpness during training: λ_max of the training loss every this many steps, on a fixed sample of 64 training images (power iteration warm-started from the last eigenvector, at most 6 Hessian-vector products, each about two training steps' worth of work). 0 costs nothing.",
  },
} as const satisfies Record<string, Entry>;

/** The optimizer settings; their help names the paper and the default in force. */
const FLAT = {
  'train.flat.rho': {
    label: 'SAM radius ρ',
    spec: RANGES.rho,
    help: ({ defaults, asamRho }) =>
      `ρ: radius of the neighbourhood SAM minimises the worst-case loss over (Foret et al. 2021); ${defaults.rho}, or ${asamRho} with ASAM (davda54/sam’s value)`,
  },
  // The schema's range with its special value 0 (the whole batch: SAM) let in.
  'train.flat.m': {
    label: 'SAM sub-batch m',
    spec: { ...RANGES.samM, min: 0 },
    hint: '0 = the whole batch',
    help: ({ defaults }) =>
      `m-SAM (Foret et al. 2021 §4.1): ε is computed on each sub-batch of m images of the batch and the SAM gradients are averaged; smaller m gave lower test error in their Fig. 3. BatchNorm normalises each sub-batch with its own statistics (a ghost batch). m must divide the batch size; ${defaults.m} is the whole batch (SAM)`,
  },
  // The schema's range with its special value 0 (off) let in.
  'train.flat.cosineEvery': {
    label: 'SAM cosine every',
    spec: { ...RANGES.cosineEvery, min: 0 },
    hint: 'steps (0: off)',
    help: 'Foret et al. 2021, Fig. 5: every this many steps, the cosine between the first-order SAM update g_SAM and the second-order one g_SAM + (dε̂/dw)ᵀg_SAM on that step’s batch (two gradients and one exact Hessian-vector product, about four training steps’ work), whichever order the run trains with. 0 costs nothing.',
  },
  'train.flat.swaStart': {
    label: 'SWA start',
    spec: RANGES.swaStart,
    hint: 'Fraction of all steps',
    help: ({ defaults }) =>
      `Fraction of the step budget after which weights are averaged (Izmailov et al. 2018; Kaddour et al. 2022); ${defaults.swaStart}`,
  },
  // 0 (once per epoch) is chosen with the Averaging select, not typed here.
  'train.flat.swaEvery': {
    label: 'Average every (steps)',
    spec: RANGES.swaEvery,
    help: 'Steps between two additions to the running average',
  },
  'train.flat.swaLr': {
    label: 'SWA learning rate',
    spec: RANGES.swaLr,
    help: ({ defaults }) =>
      `Learning rate the SWA schedules settle at, and the low end α2 of the cyclical one (Izmailov et al. 2018); lr / 2 = ${defaults.swaLr}`,
  },
  'train.flat.stepSize': {
    label: 'Step size (epochs)',
    spec: RANGES.stepSize,
    help: ({ defaults }) =>
      `StepLR: epochs between two decays of the learning rate; ${defaults.stepSize}`,
  },
  'train.flat.gamma': {
    label: 'Decay γ',
    spec: RANGES.gamma,
    help: ({ defaults }) =>
      `StepLR: factor the learning rate is multiplied by at each decay; ${defaults.gamma}`,
  },
  'train.flat.cycle': {
    label: 'Cycle length (steps)',
    spec: RANGES.cycle,
    hint: '0 = one epoch',
    help: ({ defaults }) =>
      `Cyclical: steps per cycle from lr down to the SWA learning rate (Izmailov et al. 2018, eq. 2); ${defaults.cycle} means one epoch`,
  },
  'train.flat.annealEpochs': {
    label: 'Anneal epochs',
    spec: RANGES.annealEpochs,
    help: ({ defaults }) =>
      `SWALR (PyTorch): epochs to anneal from lr to the SWA learning rate once averaging starts; ${defaults.annealEpochs}`,
  },
  'train.flat.labelNoise': {
    label: 'Label noise',
    spec: RANGES.labelNoise,
    hint: 'Fraction of training labels',
    help: ({ defaults }) =>
      `Fraction of training labels replaced by random classes (Zhang et al. 2017); SAM is notably robust to it (Foret et al. 2021); ${defaults.labelNoise}`,
  },
} as const satisfies Record<string, Entry>;

/** How a toy 2-D dataset is generated (TensorFlow Playground's problems). */
const TOY = {
  'train.toy.trainSize': { label: 'Training points', spec: RANGES.toySize },
  'train.toy.testSize': { label: 'Test points', spec: RANGES.toySize },
  'train.toy.noise': {
    label: 'Noise',
    spec: RANGES.toyNoise,
    help: 'TensorFlow Playground’s noise level (its 0 to 50 %): it jitters the spirals, flips labels near the circle and the XOR axes, and widens the blobs',
  },
  'train.toy.classes': {
    label: 'Blobs',
    spec: RANGES.toyClasses,
    help: 'Number of Gaussian blobs, one class each',
  },
  'train.toy.seed': {
    label: 'Data seed',
    spec: RANGES.seed,
    help: 'Seed of the points, apart from the training seed: runs of several seeds share one dataset',
  },
} as const satisfies Record<string, Entry>;

/** θ(α) and the sharpness measures: labels unique on the page (the training has a Seed too). */
const ANALYSIS = {
  'interpolation.from': { label: 'α from', spec: RANGES.alpha },
  'interpolation.to': { label: 'α to', spec: RANGES.alpha },
  // Each α costs a full evaluation of train and test, as a slice point does.
  'interpolation.points': { label: 'Points', spec: RANGES.slicePoints },
  // A fixed sample like the metrics' and the landscape's, with the same bounds.
  'sharpness.samples': { label: 'Samples', spec: RANGES.evalSamples },
  'sharpness.rho': { label: 'ρ', spec: RANGES.sharpnessRho },
  'sharpness.adaptiveRho': { label: 'Adaptive ρ', spec: RANGES.adaptiveRho },
  'sharpness.m': {
    label: 'm (m-sharpness)',
    spec: RANGES.sharpnessM,
    help: 'Foret et al. (2021, §4.1): the m-sharpness averages the worst-case ρ-sharpness over disjoint sets of m samples; it uses ρ above',
  },
  'sharpness.seed': { label: 'Sharpness seed', spec: RANGES.seed },
  'sharpness.powerIterations': { label: 'Power iterations', spec: RANGES.powerIterations },
} as const satisfies Record<string, Entry>;

const TABLE = { ...TRAIN, ...FLAT, ...TOY, ...ANALYSIS };

export type NumberControlPath = keyof typeof TABLE;

// Compile-time proof that every entry names a numeric leaf of the schema (a typo fails to build).
type Assignable<T, U extends T> = U;
export type ControlsAreNumberLeaves = Assignable<NumberPaths<Settings>, NumberControlPath>;

/** One number field as the kit draws it: the table's texts and the parser of its range. */
export interface NumberControl {
  label: string;
  spec: NumberSpec;
  hint?: string;
  help?: string;
  parse: (raw: string) => ParseResult;
}

/** A number input for a range: the spec and the schema's parser for it. */
export function numberInput(spec: NumberSpec): Pick<NumberControl, 'spec' | 'parse'> {
  return { spec, parse: (raw) => parseNumber(raw, spec) };
}

const ENTRIES = new Map<string, Entry & Pick<NumberControl, 'parse'>>(
  Object.entries(TABLE).map(([path, entry]: [string, Entry]) => [
    path,
    { ...entry, ...numberInput(entry.spec) },
  ]),
);

/** The paths the table has a field for, in its order. */
export const NUMBER_CONTROL_PATHS = [...ENTRIES.keys()] as NumberControlPath[];

/**
 * The field of a numeric setting, from the table. `defaults` fills in the help texts that quote
 * them (the optimizer settings'); without them such a field has no help.
 */
export function numberControl(path: NumberControlPath, defaults?: HelpDefaults): NumberControl {
  const { help, ...entry } = ENTRIES.get(path)!;
  const text = typeof help === 'function' ? defaults && help(defaults) : help;
  return text === undefined ? entry : { ...entry, help: text };
}
