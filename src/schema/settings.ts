/**
 * The settings schema, version 3 (version 3 added the model builder's `train.layers`): every setting of the app with its default and allowed range.
 * Links, the controls and imported files are all checked by it. Flat-minima settings have no
 * default here on purpose: they are overrides of the paper defaults, which depend on the
 * optimizer and learning rate (`resolveFlat` in src/domain/api-defaults.ts).
 */
import * as v from 'valibot';
import { samMProblem, secondOrderProblem, sharpnessMProblem } from './sam-rules';
import type {
  BackendRequest,
  DirectionOptions,
  FlatMinimaSettings,
  LandscapeConfig,
  TrainConfig,
} from '../domain/api';
import type { ToySettings } from '../domain/toy-data';
import { TOY_DATASETS, TOY_DEFAULTS } from '../domain/toy-data';
import { choice, numberIn, toggle, zeroOr } from './fields';
import { LayersSchema } from './layers';
import { ImportedDataSchema, importedProblem } from './imported-data';
import { batchProblem, customModelRule } from './data-rules';
import { RANGES } from './ranges';

export const SCHEMA_VERSION = 3;

const DATASETS = ['mnist', 'fashion-mnist', ...TOY_DATASETS, 'imported'] as const;
const MODELS = ['mlp', 'tiny-cnn', 'lenet5', 'bn-cnn', 'custom'] as const;
/** Which training labels losses are measured with (`LabelChoice` in the worker API). */
const LABELS = ['trained', 'clean'] as const;
const OPTIMIZERS = ['sgd', 'adam', 'sam', 'swa', 'wasam', 'fge'] as const;
const BASES = ['sgd', 'adam'] as const;
const SAM_P = ['2', 'inf'] as const;
const SCHEDULES = [
  'constant',
  'cosine',
  'step',
  'cyclical',
  'swa_linear',
  'swalr',
  'sgd_baseline',
  'fge',
] as const;
const ANNEAL_STRATEGIES = ['cos', 'linear'] as const;
const BACKENDS = ['auto', 'webgpu', 'webgl', 'cpu'] as const;
const KINDS = ['random', 'pca', 'checkpoint', 'eigenvector', 'gradient'] as const;
const NORMALIZATIONS = ['filter', 'layer', 'none'] as const;

const FlatSchema = v.object({
  base: v.optional(choice(BASES)),
  rho: v.optional(numberIn(RANGES.rho)),
  m: v.optional(zeroOr(RANGES.samM, 'the whole batch')),
  adaptive: v.optional(toggle()),
  samP: v.optional(choice(SAM_P)),
  secondOrder: v.optional(toggle()),
  cosineEvery: v.optional(zeroOr(RANGES.cosineEvery, 'off')),
  swaStart: v.optional(numberIn(RANGES.swaStart)),
  swaEvery: v.optional(zeroOr(RANGES.swaEvery, 'once per epoch')),
  swaLr: v.optional(numberIn(RANGES.swaLr)),
  schedule: v.optional(choice(SCHEDULES)),
  stepSize: v.optional(numberIn(RANGES.stepSize)),
  gamma: v.optional(numberIn(RANGES.gamma)),
  cycle: v.optional(numberIn(RANGES.cycle)),
  annealEpochs: v.optional(numberIn(RANGES.annealEpochs)),
  annealStrategy: v.optional(choice(ANNEAL_STRATEGIES)),
  labelNoise: v.optional(numberIn(RANGES.labelNoise)),
});

/** How a toy dataset is generated (TensorFlow Playground's problems); unused for images. */
const ToySchema = v.object({
  trainSize: v.optional(numberIn(RANGES.toySize), TOY_DEFAULTS.trainSize),
  testSize: v.optional(numberIn(RANGES.toySize), TOY_DEFAULTS.testSize),
  noise: v.optional(numberIn(RANGES.toyNoise), TOY_DEFAULTS.noise),
  classes: v.optional(numberIn(RANGES.toyClasses), TOY_DEFAULTS.classes),
  seed: v.optional(numberIn(RANGES.seed), TOY_DEFAULTS.seed),
});

/** A run that finishes in well under a minute on software WebGPU yet learns something visible. */
const TrainSchema = v.object({
  dataset: v.optional(choice(DATASETS), 'mnist'),
  subset: v.optional(zeroOr(RANGES.subset, 'the whole training set'), 2000),
  model: v.optional(choice(MODELS), 'tiny-cnn'),
  // The model builder's layers (model 'custom'); absent for the built-in models.
  layers: v.optional(LayersSchema),
  optimizer: v.optional(choice(OPTIMIZERS), 'sgd'),
  lr: v.optional(numberIn(RANGES.lr), 0.05),
  momentum: v.optional(numberIn(RANGES.momentum), 0.9),
  weightDecay: v.optional(numberIn(RANGES.weightDecay), 0),
  batchSize: v.optional(numberIn(RANGES.batchSize), 64),
  epochs: v.optional(numberIn(RANGES.epochs), 3),
  seed: v.optional(numberIn(RANGES.seed), 1),
  evalSamples: v.optional(numberIn(RANGES.evalSamples), 1000),
  // λ_max every 10 steps: three times per epoch of the default run (31 steps of 64 images).
  sharpnessEvery: v.optional(zeroOr(RANGES.sharpnessEvery, 'off'), 10),
  flat: v.optional(FlatSchema, {}),
  toy: v.optional(ToySchema, {}),
  // Dataset 'imported': which one (absent otherwise).
  imported: v.optional(ImportedDataSchema),
});

/**
 * The worker's direction defaults (Li et al. 2018: random, filter-normalised, biases and
 * BatchNorm zeroed). The checkpoint a direction points towards and the run directions are shared
 * with name runs of one browser, so links and files do not carry them.
 */
const DirectionsSchema = v.object({
  kind1: v.optional(choice(KINDS), 'random'),
  kind2: v.optional(choice(KINDS), 'random'),
  normalization: v.optional(choice(NORMALIZATIONS), 'filter'),
  ignoreBiasBn: v.optional(toggle(), true),
  orthogonalize: v.optional(toggle(), false),
});

/** Odd point counts put t = 0 (the trained weights) exactly on the slice and on the grid. */
const LandscapeSchema = v.object({
  slicePoints: v.optional(numberIn(RANGES.slicePoints), 51),
  sliceRange: v.optional(numberIn(RANGES.sliceRange), 1),
  gridSize: v.optional(numberIn(RANGES.gridSize), 21),
  gridRange: v.optional(numberIn(RANGES.gridRange), 1),
  evalSamples: v.optional(numberIn(RANGES.evalSamples), 1000),
  seed: v.optional(numberIn(RANGES.seed), 1),
  directions: v.optional(DirectionsSchema, {}),
  // Absent: recompute BatchNorm statistics for averaged weights, keep the stored ones otherwise.
  bn: v.optional(choice(['stored', 'recompute'] as const)),
  // The run's own training labels (label noise included): the loss it minimised.
  labels: v.optional(choice(LABELS), 'trained'),
});

/** θ(α) between two checkpoints: 41 points on [−0.5, 1.5] show both ends and beyond. */
const InterpolationSchema = v.object({
  from: v.optional(numberIn(RANGES.alpha), -0.5),
  to: v.optional(numberIn(RANGES.alpha), 1.5),
  points: v.optional(numberIn(RANGES.slicePoints), 41),
});

const SharpnessSchema = v.object({
  // PyHessian's examples estimate the Hessian on one batch of 200 samples.
  samples: v.optional(numberIn(RANGES.evalSamples), 200),
  // SAM's ρ (Foret et al. 2021), also the σ of the average-case noise; the adaptive ρ is the one
  // davda54/sam recommends for ASAM with T = |w| (`adaptive=True`), as the app's ASAM trains with.
  rho: v.optional(numberIn(RANGES.sharpnessRho), 0.05),
  adaptiveRho: v.optional(numberIn(RANGES.adaptiveRho), 2),
  // m-sharpness (Foret et al. 2021 §4.1) over disjoint sets of m samples: 50 makes four sets of
  // the default 200, so it costs about what the ρ-sharpness does (11 gradients over 200 samples).
  m: v.optional(numberIn(RANGES.sharpnessM), 50),
  // Same as the default training seed, so a fresh page reproduces the same numbers.
  seed: v.optional(numberIn(RANGES.seed), 1),
  // PyHessian's maxIter.
  powerIterations: v.optional(numberIn(RANGES.powerIterations), 100),
  // As the landscape's: the Hessian of the loss the run minimised, label noise included.
  labels: v.optional(choice(LABELS), 'trained'),
});

/** A preset's display name: rendered as text only, never as markup. */
const PresetSchema = v.pipe(
  v.string('expected a name'),
  v.minLength(1, 'expected a name'),
  v.maxLength(80, 'a preset name has at most 80 characters'),
  v.regex(/^[^\p{Cc}]*$/u, 'a preset name cannot hold control characters'),
);

/** The whole version-3 settings object, before the rules that relate two fields. */
export const SettingsEntries = {
  version: v.literal(SCHEMA_VERSION, `expected version ${SCHEMA_VERSION}`),
  preset: v.optional(PresetSchema),
  backend: v.optional(choice(BACKENDS), 'auto'),
  train: v.optional(TrainSchema, {}),
  landscape: v.optional(LandscapeSchema, {}),
  interpolation: v.optional(InterpolationSchema, {}),
  sharpness: v.optional(SharpnessSchema, {}),
};

export type Settings = v.InferOutput<v.ObjectSchema<typeof SettingsEntries, undefined>>;

/** θ(α) needs a range of positive width. */
export function alphaRangeProblem(from: number, to: number): string | null {
  return from < to ? null : 'Must be above α from: the range cannot be empty';
}

/** The worker builds PCA planes only, so PC1 comes with PC2. */
export function pcaProblem(kind1: string, kind2: string): string | null {
  return (kind1 === 'pca') === (kind2 === 'pca') ? null : 'PCA directions come in pairs (PC1, PC2)';
}

/** A rule over several fields, reported on `target` (the field the user would change). */
export interface CrossRule {
  target: string;
  paths: string[];
  problem: (s: Settings) => string | null;
}

export const CROSS_RULES: readonly CrossRule[] = [
  {
    target: 'train.batchSize',
    paths: [
      'train.batchSize',
      'train.subset',
      'train.dataset',
      'train.toy.trainSize',
      'train.imported',
    ],
    problem: (s) => batchProblem(s.train.batchSize, s.train.subset, s.train),
  },
  {
    target: 'train.dataset',
    paths: ['train.dataset', 'train.imported'],
    problem: (s) => importedProblem(s.train),
  },
  {
    target: 'train.flat.m',
    paths: ['train.flat.m', 'train.batchSize'],
    problem: (s) => samMProblem(s.train.flat.m, s.train.batchSize),
  },
  {
    target: 'sharpness.m',
    paths: ['sharpness.m', 'sharpness.samples'],
    problem: (s) => sharpnessMProblem(s.sharpness.m, s.sharpness.samples),
  },
  {
    target: 'train.layers',
    paths: ['train.layers', 'train.model', 'train.imported'],
    problem: (s) => customModelRule(s.train),
  },
  {
    target: 'interpolation.to',
    paths: ['interpolation.to', 'interpolation.from'],
    problem: (s) => alphaRangeProblem(s.interpolation.from, s.interpolation.to),
  },
  {
    target: 'landscape.directions.kind2',
    paths: ['landscape.directions.kind2', 'landscape.directions.kind1'],
    problem: (s) => pcaProblem(s.landscape.directions.kind1, s.landscape.directions.kind2),
  },
  {
    target: 'train.flat.secondOrder',
    paths: ['train.flat.secondOrder', 'train.flat.adaptive', 'train.flat.m'],
    problem: ({ train: { flat } }) => secondOrderProblem(flat.secondOrder, flat.adaptive, flat.m),
  },
];

const pathItems = (path: string, input: Settings) => {
  let node: unknown = input;
  return path.split('.').map((key) => {
    const parent = node as Record<string, unknown>;
    node = parent[key];
    return { type: 'object', origin: 'value', input: parent, key, value: node } as const;
  }) as [v.ObjectPathItem, ...v.ObjectPathItem[]];
};

/** Version-3 settings: every field, then the rules between fields (once each field is valid). */
export const SettingsSchema = v.pipe(
  v.object(SettingsEntries, 'expected an object of settings'),
  v.rawCheck(({ dataset, addIssue }) => {
    // Valibot keeps a value 'typed' when only a range check failed: wait for valid fields.
    if (!dataset.typed || dataset.issues) return;
    for (const rule of CROSS_RULES) {
      const message = rule.problem(dataset.value);
      if (message) addIssue({ message, path: pathItems(rule.target, dataset.value) });
    }
  }),
);

/** Every default: what a link without parameters and a fresh page start from. */
export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, { version: SCHEMA_VERSION });

// Compile-time proof that what the schema accepts is what the worker and the store expect.
type Assignable<T, U extends T> = U;
export type SchemaMatchesApi = [
  Assignable<Omit<TrainConfig, 'flat' | 'toy'>, Omit<Settings['train'], 'flat' | 'toy'>>,
  Assignable<Settings['train']['imported'], TrainConfig['imported']>,
  Assignable<Partial<ToySettings>, Settings['train']['toy']>,
  Assignable<Partial<FlatMinimaSettings>, Settings['train']['flat']>,
  Assignable<Omit<LandscapeConfig, 'directions'>, Omit<Settings['landscape'], 'directions'>>,
  Assignable<Partial<DirectionOptions>, Settings['landscape']['directions']>,
  Assignable<BackendRequest, Settings['backend']>,
];
