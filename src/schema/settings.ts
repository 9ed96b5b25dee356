/**
 * The settings schema, version 3 (version 3 added the model builder's `train.layers`): every setting of the app with its default and allowed range.
 * Links, the controls and imported files are all checked by it. Flat-minima settings have no
 * default here on purpose: they are overrides of the paper defaults, which depend on the
 * optimizer and learning rate (`resolveFlat` in src/domain/api-defaults.ts).
 */
import * as v from 'valibot';
import type { LayerSpec } from '../domain/model';
import type {
  BackendRequest,
  DirectionOptions,
  FlatMinimaSettings,
  LandscapeConfig,
  TrainConfig,
} from '../domain/api';
import { customModelProblem } from '../domain/model-zoo';
import { choice, numberIn, toggle, zeroOr } from './fields';
import { LayersSchema } from './layers';
import { RANGES, TRAIN_SET_SIZE } from './ranges';

export const SCHEMA_VERSION = 3;

const DATASETS = ['mnist', 'fashion-mnist'] as const;
const MODELS = ['mlp', 'tiny-cnn', 'lenet5', 'bn-cnn', 'custom'] as const;
/** Which training labels losses are measured with (`LabelChoice` in the worker API). */
const LABELS = ['trained', 'clean'] as const;
const OPTIMIZERS = ['sgd', 'adam', 'sam', 'swa', 'wasam'] as const;
const BASES = ['sgd', 'adam'] as const;
const SCHEDULES = [
  'constant',
  'cosine',
  'step',
  'cyclical',
  'swa_linear',
  'swalr',
  'sgd_baseline',
] as const;
const ANNEAL_STRATEGIES = ['cos', 'linear'] as const;
const BACKENDS = ['auto', 'webgpu', 'webgl', 'cpu'] as const;
const KINDS = ['random', 'pca', 'checkpoint', 'eigenvector', 'gradient'] as const;
const NORMALIZATIONS = ['filter', 'layer', 'none'] as const;

const FlatSchema = v.object({
  base: v.optional(choice(BASES)),
  rho: v.optional(numberIn(RANGES.rho)),
  adaptive: v.optional(toggle()),
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

/** The number of training images a subset setting stands for (0 is the whole set). */
export const subsetSize = (subset: number) => (subset === 0 ? TRAIN_SET_SIZE : subset);

/** A batch cannot hold more images than the training subset has. */
export function batchProblem(batchSize: number, subset: number): string | null {
  const size = subsetSize(subset);
  return batchSize > size
    ? `At most the training subset (${size.toLocaleString('en-US')} images)`
    : null;
}

/** θ(α) needs a range of positive width. */
export function alphaRangeProblem(from: number, to: number): string | null {
  return from < to ? null : 'Must be above α from: the range cannot be empty';
}

/** The worker builds PCA planes only, so PC1 comes with PC2. */
export function pcaProblem(kind1: string, kind2: string): string | null {
  return (kind1 === 'pca') === (kind2 === 'pca') ? null : 'PCA directions come in pairs (PC1, PC2)';
}

/**
 * A custom model must have layers that fit its data: every dataset has 28 × 28 × 1 images of
 * ten classes (the shape `modelSpecFor` is given by the worker).
 */
export function customModelRule(model: string, layers: readonly LayerSpec[] | undefined) {
  if (model !== 'custom') return null;
  if (!layers) return 'A custom model needs its layers (build them in the Model builder)';
  return customModelProblem(layers, [28, 28, 1], 10);
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
    paths: ['train.batchSize', 'train.subset'],
    problem: (s) => batchProblem(s.train.batchSize, s.train.subset),
  },
  {
    target: 'train.layers',
    paths: ['train.layers', 'train.model'],
    problem: (s) => customModelRule(s.train.model, s.train.layers),
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
  Assignable<Omit<TrainConfig, 'flat'>, Omit<Settings['train'], 'flat'>>,
  Assignable<Partial<FlatMinimaSettings>, Settings['train']['flat']>,
  Assignable<Omit<LandscapeConfig, 'directions'>, Omit<Settings['landscape'], 'directions'>>,
  Assignable<Partial<DirectionOptions>, Settings['landscape']['directions']>,
  Assignable<BackendRequest, Settings['backend']>,
];
