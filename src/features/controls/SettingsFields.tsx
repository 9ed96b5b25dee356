import { formatCount } from '../../domain/format';
import { useFlatland } from '../../store';
import { batchProblem } from '../../schema';
import { resolveToy } from '../../domain/toy-data';
import {
  BASE_OPTIONS,
  datasetOptions,
  OPTIMIZER_OPTIONS,
  SUBSET_OPTIONS,
  withCurrent,
} from './options';
import { FlatChoice, FlatNumber, TrainChoice, TrainNumber, useFlatView } from './SettingField';
import { ModelChoice, ToyFields } from './ToyFields';
import styles from './controls.module.css';

/** Data and model choices. */
export function DataModelFields() {
  const train = useFlatland((s) => s.train);
  const subsets = withCurrent(SUBSET_OPTIONS, train.subset, formatCount);
  return (
    <>
      <div className={styles.pair}>
        <TrainChoice name="dataset" label="Dataset" options={datasetOptions(train.imported)} />
        <TrainChoice name="subset" label="Training subset" options={subsets} />
      </div>
      <div className={styles.pair}>
        <ModelChoice />
        {/* Label noise sits with the data: it changes what is learned, not how. */}
        <FlatNumber name="labelNoise" />
      </div>
      <ToyFields />
    </>
  );
}

/** Optimiser, the base it wraps, and the learning rate; Momentum only where SGD steps. */
export function OptimizerFields() {
  const { visible } = useFlatView();
  return (
    <>
      <div className={styles.pair}>
        <TrainChoice name="optimizer" label="Optimizer" options={OPTIMIZER_OPTIONS} />
        {visible.has('base') && (
          <FlatChoice name="base" label="Base optimizer" options={BASE_OPTIONS} />
        )}
      </div>
      <div className={styles.pair}>
        <TrainNumber name="lr" />
        {visible.has('momentum') && <TrainNumber name="momentum" />}
      </div>
    </>
  );
}

/** Batch size, epochs and seed: the budget of a run. */
export function BudgetFields() {
  const train = useFlatland((s) => s.train);
  return (
    <div className={styles.triple}>
      <TrainNumber
        name="batchSize"
        problem={batchProblem(train.batchSize, train.subset, {
          dataset: train.dataset,
          toy: resolveToy(train.toy),
          imported: train.imported,
        })}
      />
      <TrainNumber name="epochs" />
      <TrainNumber name="seed" />
      <TrainNumber name="sharpnessEvery" />
    </div>
  );
}
