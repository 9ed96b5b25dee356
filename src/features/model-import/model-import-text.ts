/** The model-import panel's words: which samples an imported model is measured on. Pure, so tested. */
import type { DatasetId, TrainConfig } from '../../domain/api';
import { formatCount } from '../../domain/format';
import { DATASET_LABELS, isToyDataset } from '../../domain/toy-data';

/**
 * Where landscapes, θ(α) and sharpness of an imported model evaluate: the training subset the
 * current settings choose on `dataset` (seeded, with the dataset's own labels), and the fixed
 * metric samples of train and test.
 */
export function samplesNote(
  train: Pick<TrainConfig, 'subset' | 'seed' | 'evalSamples'>,
  dataset: DatasetId,
): string {
  const name = DATASET_LABELS[dataset];
  const kind = isToyDataset(dataset) ? 'points' : 'images';
  const subset =
    train.subset === 0
      ? `the whole ${name} training set`
      : `${formatCount(train.subset)} ${name} training ${kind} chosen with seed ${train.seed}`;
  return `Measured on ${subset} (the Training subset and Seed settings), with their own labels; metrics on ${formatCount(train.evalSamples)} fixed train and test ${kind}.`;
}

/** What an imported model lacks, and so what is off for it. */
export const NO_HISTORY =
  'An imported model has no training history: it has no curves, trajectory, PCA directions or initial weights (θ(α) from initial to final). Its 1D slice, 2D landscape, sharpness and θ(α) to other runs of the same model work as for any run.';
