/**
 * The settings' rules about the data: how many training examples there are (image sets, a toy
 * dataset's own size, an imported dataset's own count), the batch that fits them, and whether a
 * custom model's layers fit the data's shape.
 */
import type { ToySettings } from '../domain/toy-data';
import { datasetClasses, datasetInput, isToyDataset } from '../domain/toy-data';
import { customModelProblem } from '../domain/model-zoo';
import { TRAIN_SET_SIZE } from './ranges';
import type { Settings } from './settings';

/**
 * The number of training examples a subset setting stands for (0 is the whole set), out of the
 * `available` ones (a toy dataset has its own training size).
 */
export const subsetSize = (subset: number, available = TRAIN_SET_SIZE) =>
  subset === 0 ? available : Math.min(subset, available);

type DataFields = Pick<Settings['train'], 'dataset' | 'toy' | 'imported'>;

/** The training examples there are: a toy or imported dataset's own count, else the image sets'. */
function trainSetSize(train: DataFields): number {
  if (train.dataset === 'imported') return train.imported?.train ?? TRAIN_SET_SIZE;
  return isToyDataset(train.dataset) ? train.toy.trainSize : TRAIN_SET_SIZE;
}

const EXAMPLES = (dataset: Settings['train']['dataset']) =>
  dataset === 'imported' ? 'samples' : isToyDataset(dataset) ? 'points' : 'images';

/** A batch cannot hold more examples than the training subset has. */
export function batchProblem(batchSize: number, subset: number, train?: DataFields): string | null {
  const size = subsetSize(subset, train ? trainSetSize(train) : TRAIN_SET_SIZE);
  const what = train ? EXAMPLES(train.dataset) : 'images';
  return batchSize > size
    ? `At most the training subset (${size.toLocaleString('en-US')} ${what})`
    : null;
}

/** A custom model must have layers that fit its data (the shape `modelSpecFor` is given). */
export function customModelRule(
  train: Pick<Settings['train'], 'model' | 'layers' | 'dataset' | 'imported'> & {
    toy?: Partial<ToySettings>;
  },
) {
  if (train.model !== 'custom') return null;
  if (!train.layers) return 'A custom model needs its layers (build them in the Model builder)';
  return customModelProblem(train.layers, datasetInput(train), datasetClasses(train));
}
