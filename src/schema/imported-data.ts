/**
 * `train.imported`: which imported dataset a run trains on (dataset 'imported'). One leaf, an
 * object that travels in links as JSON: the data stays in the browser that imported it, so a
 * link carries its content hash and what building the model needs, never the arrays.
 */
import * as v from 'valibot';
import { IMPORT_LIMITS, type ImportedDataRef } from '../domain/imported-data';

const count = (min: number, max: number, what: string) =>
  v.pipe(
    v.number(`expected ${what}`),
    v.integer(`${what} must be a whole number`),
    v.minValue(min, `${what} must be at least ${min}`),
    v.maxValue(max, `${what} must be at most ${max}`),
  );

const side = count(1, IMPORT_LIMITS.features, 'a side of the sample shape');

/** The reference to an imported dataset that a run's settings keep. */
export const ImportedDataSchema = v.pipe(
  v.strictObject(
    {
      id: v.pipe(
        v.string('expected the dataset id'),
        v.regex(/^[0-9a-f]{64}$/, 'the dataset id is a SHA-256 in hex'),
      ),
      name: v.pipe(
        v.string('expected a name'),
        v.minLength(1, 'expected a name'),
        v.maxLength(200, 'a dataset name has at most 200 characters'),
        v.regex(/^[^\p{Cc}]*$/u, 'a dataset name cannot hold control characters'),
      ),
      input: v.tuple([side, side, side], 'expected the sample shape [H, W, C]'),
      classes: count(2, IMPORT_LIMITS.classes, 'the class count'),
      train: count(1, IMPORT_LIMITS.samples, 'the training sample count'),
    },
    'expected an imported dataset {id, name, input, classes, train}',
  ),
  v.check(
    ({ input: [h, w, c] }) => h * w * c <= IMPORT_LIMITS.features,
    `a sample holds at most ${IMPORT_LIMITS.features} values`,
  ),
);

/** Imported data is named by `train.imported`: without it there is nothing to train on. */
export function importedProblem(train: {
  dataset: string;
  imported?: ImportedDataRef;
}): string | null {
  return train.dataset === 'imported' && !train.imported
    ? 'Imported data needs its dataset: import one, or choose it in the Import data panel'
    : null;
}
