import { formatCount } from '../../domain/format';
import { flatlandStore, useFlatland } from '../../store';
import { batchProblem } from '../../schema';
import { SelectField } from '../../components/fields/SelectField';
import {
  BASE_OPTIONS,
  DATASET_OPTIONS,
  MODEL_OPTIONS,
  OPTIMIZER_OPTIONS,
  SUBSET_OPTIONS,
  withCurrent,
} from './options';
import { FlatNumber, TrainNumber, useFlatView } from './SettingNumber';
import type { TrainConfig } from '../../domain/api';
import styles from './controls.module.css';

const setTrain = (patch: Partial<TrainConfig>) => flatlandStore.getState().setTrain(patch);

/** Data and model choices. */
export function DataModelFields() {
  const train = useFlatland((s) => s.train);
  const subsets = withCurrent(SUBSET_OPTIONS, train.subset, formatCount);
  return (
    <>
      <div className={styles.pair}>
        <SelectField
          label="Dataset"
          value={train.dataset}
          options={DATASET_OPTIONS}
          onChange={(dataset) => setTrain({ dataset })}
        />
        <SelectField
          label="Training subset"
          value={train.subset}
          options={subsets}
          onChange={(subset) => setTrain({ subset })}
        />
      </div>
      <div className={styles.pair}>
        <SelectField
          label="Model"
          value={train.model}
          options={MODEL_OPTIONS}
          onChange={(model) => setTrain({ model })}
        />
        {/* Label noise sits with the data: it changes what is learned, not how. */}
        <FlatNumber name="labelNoise" />
      </div>
    </>
  );
}

/** Optimiser, the base it wraps, and the learning rate; Momentum only where SGD steps. */
export function OptimizerFields() {
  const { train, settings, visible, help } = useFlatView();
  return (
    <>
      <div className={styles.pair}>
        <SelectField
          label="Optimizer"
          value={train.optimizer}
          options={OPTIMIZER_OPTIONS}
          help={help.optimizer}
          onChange={(optimizer) => setTrain({ optimizer })}
        />
        {visible.has('base') && (
          <SelectField
            label="Base optimizer"
            value={settings.base}
            options={BASE_OPTIONS}
            help={help.base}
            onChange={(base) => flatlandStore.getState().setFlat({ base })}
          />
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
      <TrainNumber name="batchSize" problem={batchProblem(train.batchSize, train.subset)} />
      <TrainNumber name="epochs" />
      <TrainNumber name="seed" />
      <TrainNumber name="sharpnessEvery" />
    </div>
  );
}
