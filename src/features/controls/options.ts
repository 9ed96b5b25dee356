import type {
  BaseOptimizerId,
  DatasetId,
  FlatMinimaSettings,
  ModelId,
  OptimizerId,
  ScheduleId,
} from '../../domain/api';
import type { Option } from '../../components/fields/SelectField';
import { DATASET_LABELS, TOY_DATASETS } from '../../domain/toy-data';
import type { ImportedDataRef } from '../../domain/imported-data';

export const DATASET_OPTIONS: Option<DatasetId>[] = [
  { value: 'mnist', label: 'MNIST' },
  { value: 'fashion-mnist', label: 'Fashion-MNIST' },
  ...TOY_DATASETS.map((id) => ({ value: id, label: `${DATASET_LABELS[id]} (2-D)` })),
];

/** The dataset choices: the imported dataset the settings name, if any, after the built-in ones. */
export function datasetOptions(imported?: ImportedDataRef): Option<DatasetId>[] {
  if (!imported) return DATASET_OPTIONS;
  return [...DATASET_OPTIONS, { value: 'imported', label: `${imported.name} (imported)` }];
}

/**
 * 0 is the whole training set (60,000 images). 64 images is the classic sanity check: a model
 * that cannot drive the loss to near zero on one batch has a bug, and it trains in seconds.
 */
export const SUBSET_OPTIONS: Option<number>[] = [
  { value: 64, label: '64 (sanity check)' },
  { value: 500, label: '500' },
  { value: 2000, label: '2,000' },
  { value: 10000, label: '10,000' },
  { value: 0, label: 'All' },
];

export const MODEL_OPTIONS: Option<ModelId | 'custom'>[] = [
  { value: 'mlp', label: 'MLP' },
  { value: 'tiny-cnn', label: 'Tiny CNN (~5k params)' },
  { value: 'lenet5', label: 'LeNet-5' },
  { value: 'bn-cnn', label: 'Small CNN + BatchNorm' },
  // Built in the Model builder panel (its layers travel as `train.layers`).
  { value: 'custom', label: 'Custom (Model builder)' },
];

export const OPTIMIZER_OPTIONS: Option<OptimizerId>[] = [
  { value: 'sgd', label: 'SGD (momentum)' },
  { value: 'adam', label: 'Adam' },
  { value: 'sam', label: 'SAM' },
  { value: 'swa', label: 'SWA' },
  { value: 'wasam', label: 'WASAM' },
  { value: 'fge', label: 'FGE (fast geometric ensembling)' },
];

export const BASE_OPTIONS: Option<BaseOptimizerId>[] = [
  { value: 'sgd', label: 'SGD (momentum)' },
  { value: 'adam', label: 'Adam' },
];

export const SCHEDULE_OPTIONS: Option<ScheduleId>[] = [
  { value: 'constant', label: 'Constant' },
  { value: 'cosine', label: 'Cosine' },
  { value: 'step', label: 'Step (StepLR)' },
  { value: 'cyclical', label: 'Cyclical (lr → SWA lr)' },
  { value: 'swa_linear', label: 'SWA paper: constant, then linear' },
  { value: 'swalr', label: 'SWALR (anneal to SWA lr)' },
  { value: 'sgd_baseline', label: 'SWA paper’s SGD baseline: decay to 0.01·lr' },
  { value: 'fge', label: 'FGE cycle (lr → SWA lr → lr, average at the midpoints)' },
];

/** torch SWALR's `anneal_strategy`. */
export const ANNEAL_OPTIONS: Option<FlatMinimaSettings['annealStrategy']>[] = [
  { value: 'cos', label: 'Cosine' },
  { value: 'linear', label: 'Linear' },
];

/** The averaging frequency as a choice; 'steps' reveals the k field. */
export type AveragingMode = 'epoch' | 'steps';

export const AVERAGING_OPTIONS: Option<AveragingMode>[] = [
  { value: 'epoch', label: 'Once per epoch' },
  { value: 'steps', label: 'Every k steps' },
];

/** Odd sizes keep the trained weights (t = 0, a = b = 0) on the sampled points. */
export const SLICE_POINT_OPTIONS: Option<number>[] = [
  { value: 21, label: '21' },
  { value: 51, label: '51' },
  { value: 101, label: '101' },
];

export const GRID_SIZE_OPTIONS: Option<number>[] = [
  { value: 11, label: '11 × 11' },
  { value: 21, label: '21 × 21' },
  { value: 31, label: '31 × 31' },
  { value: 51, label: '51 × 51' },
];

/** Adds a value that came from the URL and is not among the presets, so the select can show it. */
export function withCurrent(
  options: Option<number>[],
  current: number,
  label: (n: number) => string,
): Option<number>[] {
  if (options.some((o) => o.value === current)) return options;
  return [...options, { value: current, label: label(current) }].sort(
    (x, y) => (x.value === 0 ? Infinity : x.value) - (y.value === 0 ? Infinity : y.value),
  );
}

/** The p of SAM's ball (Foret et al. 2021, eq. 2). */
export const SAM_P_OPTIONS: Option<FlatMinimaSettings['samP']>[] = [
  { value: '2', label: 'p = 2 (ρ·g/‖g‖)' },
  { value: 'inf', label: 'p = ∞ (ρ·sign g)' },
];
