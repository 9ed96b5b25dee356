import { formatCount } from '../../app/format';
import { flatlandStore, useFlatland } from '../../store';
import { LIMITS } from '../../store/limits';
import { NumberField } from './NumberField';
import {
  DATASET_OPTIONS,
  MODEL_OPTIONS,
  OPTIMIZER_OPTIONS,
  SUBSET_OPTIONS,
  withCurrent,
} from './options';
import { SelectField } from './SelectField';
import type { TrainConfig } from '../../worker/api';
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
      <SelectField
        label="Model"
        value={train.model}
        options={MODEL_OPTIONS}
        onChange={(model) => setTrain({ model })}
      />
    </>
  );
}

/** Optimiser and its hyper-parameters; Momentum only exists for SGD. */
export function OptimizerFields() {
  const train = useFlatland((s) => s.train);
  return (
    <>
      <SelectField
        label="Optimizer"
        value={train.optimizer}
        options={OPTIMIZER_OPTIONS}
        onChange={(optimizer) => setTrain({ optimizer })}
      />
      <div className={styles.pair}>
        <NumberField
          field="lr"
          label="Learning rate"
          value={train.lr}
          spec={LIMITS.lr}
          onCommit={(lr) => setTrain({ lr })}
        />
        {train.optimizer === 'sgd' && (
          <NumberField
            field="momentum"
            label="Momentum"
            value={train.momentum}
            spec={LIMITS.momentum}
            onCommit={(momentum) => setTrain({ momentum })}
          />
        )}
      </div>
    </>
  );
}

/** Batch size, epochs and seed. */
export function ScheduleFields() {
  const train = useFlatland((s) => s.train);
  return (
    <div className={styles.triple}>
      <NumberField
        field="batchSize"
        label="Batch size"
        value={train.batchSize}
        spec={LIMITS.batchSize}
        onCommit={(batchSize) => setTrain({ batchSize })}
      />
      <NumberField
        field="epochs"
        label="Epochs"
        value={train.epochs}
        spec={LIMITS.epochs}
        onCommit={(epochs) => setTrain({ epochs })}
      />
      <NumberField
        field="seed"
        label="Seed"
        value={train.seed}
        spec={LIMITS.seed}
        onCommit={(seed) => setTrain({ seed })}
      />
    </div>
  );
}
