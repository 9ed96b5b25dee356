/**
 * Toy 2-D datasets (TensorFlow Playground's classification problems, generated in the browser
 * from a seed) as plain data: their ids and settings, the input shape and class count of any
 * dataset, which models can take it, and the dataset half of the worker contract (loading a
 * dataset, the decision boundary over the input plane).
 */
import type { DatasetId, DatasetInfo } from './api';
import type { DataImportApi } from './api-data-import';
import type { ImportedDataRef } from './imported-data';
import { activationShapes } from './model';
import { modelSpecFor, type ModelChoice } from './model-zoo';

export const TOY_DATASETS = ['spirals', 'circles', 'xor', 'blobs'] as const;
export type ToyDatasetId = (typeof TOY_DATASETS)[number];

/** How a toy dataset is generated; the points are a function of these and nothing else. */
export interface ToySettings {
  /** Points in the training split. */
  trainSize: number;
  /** Points in the test split, drawn from the same distribution. */
  testSize: number;
  /** Playground's noise level, 0 to 0.5 (its slider's 0 to 50). */
  noise: number;
  /** Classes of the Gaussian blobs (the other problems have two). */
  classes: number;
  /** Seed of the points, apart from the run's seed: runs of several seeds share one dataset. */
  seed: number;
}

/** Playground draws 500 points and trains on half of them, with no noise. */
export const TOY_DEFAULTS: ToySettings = {
  trainSize: 250,
  testSize: 250,
  noise: 0,
  classes: 2,
  seed: 1,
};

/** A run's toy settings in force: what it set over the defaults. */
export const resolveToy = (toy?: Partial<ToySettings>): ToySettings => ({
  ...TOY_DEFAULTS,
  ...toy,
});

export function isToyDataset(id: DatasetId): id is ToyDatasetId {
  return (TOY_DATASETS as readonly string[]).includes(id);
}

/** Display names of every dataset. */
export const DATASET_LABELS: Record<DatasetId, string> = {
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
  spirals: 'Two spirals',
  circles: 'Circles',
  xor: 'XOR',
  blobs: 'Gaussian blobs',
  imported: 'Imported data',
};

/**
 * The settings that say what the data is: the dataset, a toy dataset's settings, an imported
 * dataset's reference (`TrainConfig` and the settings' `train` are both one).
 */
export interface DataChoice {
  dataset: DatasetId;
  toy?: Partial<ToySettings>;
  imported?: ImportedDataRef;
}

/** The dataset's display name: an imported dataset's own. */
export const datasetLabel = ({ dataset, imported }: DataChoice): string =>
  dataset === 'imported' && imported ? imported.name : DATASET_LABELS[dataset];

/**
 * One example's shape [H, W, C]: 28 × 28 greyscale images, a toy point (x, y) as [1, 1, 2], an
 * imported dataset's own (one feature until one is chosen: the settings' rule asks for it).
 */
export function datasetInput({ dataset, imported }: DataChoice): [number, number, number] {
  if (dataset === 'imported') return imported ? [...imported.input] : [1, 1, 1];
  return isToyDataset(dataset) ? [1, 1, 2] : [28, 28, 1];
}

/** Classes of a dataset: ten for the image sets, `classes` for the blobs and imported data. */
export function datasetClasses({ dataset, toy, imported }: DataChoice): number {
  if (dataset === 'imported') return imported?.classes ?? 2;
  if (!isToyDataset(dataset)) return 10;
  return dataset === 'blobs' ? resolveToy(toy).classes : 2;
}

/** Why a model cannot take the dataset's examples (e.g. a conv layer on one point), or null. */
export function modelInputProblem(choice: ModelChoice, data: DataChoice): string | null {
  try {
    activationShapes(modelSpecFor(choice, datasetInput(data), datasetClasses(data)));
    return null;
  } catch (error) {
    const shape = datasetInput(data).join(' × ');
    const why = error instanceof Error ? error.message : String(error);
    return `This model cannot take ${datasetLabel(data)} inputs (${shape}): ${why}`;
  }
}

/**
 * The model's prediction over a square of the input plane at w + t·d, with the training points
 * (as trained on: the run's subset and labels) to draw on top.
 */
export interface DecisionBoundary {
  /** Perturbation along the slice direction the grid was computed at (0: the weights w). */
  t: number;
  /** Grid coordinates along x and y, `size` each, ascending. */
  xs: number[];
  ys: number[];
  /** Predicted class at (xs[i], ys[j]) at index j · size + i (row j is y = ys[j]). */
  predicted: number[];
  /** The softmax probability of the predicted class there, same layout. */
  confidence: number[];
  classes: number;
  /** Share of the grid predicted as each class. */
  shares: number[];
  /** The training points as trained on. */
  points: { x: number[]; y: number[]; label: number[] };
}

/** The dataset part of the worker contract (`FlatlandWorkerApi` extends it), imports included. */
export interface DatasetWorkerApi extends DataImportApi {
  /**
   * Loads a dataset from the app's origin, generates a toy one from its settings, or reads an
   * imported one from IndexedDB (rejecting with "Import <name> first" when it is not there); cached.
   */
  loadDataset(
    id: DatasetId,
    toy?: Partial<ToySettings>,
    imported?: ImportedDataRef,
  ): Promise<DatasetInfo>;
  /**
   * The explored weights' decision boundary on a `size` × `size` grid of a toy dataset's input
   * plane, at w + t·d along the last slice's direction (t = 0 needs no slice). A call made while
   * an earlier one is in flight supersedes it (that one rejects with a SupersededError).
   */
  decisionBoundary(t: number, size: number): Promise<DecisionBoundary>;
}
