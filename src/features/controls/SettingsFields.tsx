import { formatCount } from '../../domain/format';
import { flatlandStore, useFlatland } from '../../store';
import { batchProblem } from '../../schema';
import { LIMITS } from '../../store/limits';
import { LabelNoiseField, useFlatView } from './FlatFields';
import { NumberField } from './NumberField';
import {
  BASE_OPTIONS,
  DATASET_OPTIONS,
  MODEL_OPTIONS,
  OPTIMIZER_OPTIONS,
  SUBSET_OPTIONS,
  withCurrent,
} from './options';
import { SelectField } from './SelectField';
import type { TrainConfig } from '../../domain/api';
import styles from './controls.module.css';

const setTrain = (patch: Partial<TrainConfig>) => flatlandStore.getState().setTrain(patch);

/** The schema's range with its special value 0 (off) let in, made once (parsers cache by spec). */
const SHARPNESS_EVERY = { ...LIMITS.sharpnessEvery, min: 0 };

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
        <LabelNoiseField />
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
        <NumberField
          field="lr"
          label="Learning rate"
          value={train.lr}
          spec={LIMITS.lr}
          onCommit={(lr) => setTrain({ lr })}
        />
        {visible.has('momentum') && (
          <NumberField
            field="momentum"
            label="Momentum"
            value={train.momentum}
            spec={LIMITS.momentum}
            help={help.momentum}
            onCommit={(momentum) => setTrain({ momentum })}
          />
        )}
      </div>
    </>
  );
}

/** Batch size, epochs and seed: the budget of a run. */
export function BudgetFields() {
  const train = useFlatland((s) => s.train);
  return (
    <div className={styles.triple}>
      <NumberField
        field="batchSize"
        label="Batch size"
        value={train.batchSize}
        spec={LIMITS.batchSize}
        problem={(batchSize) => batchProblem(batchSize, train.subset)}
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
      <NumberField
        field="sharpnessEvery"
        label="λ_max every"
        value={train.sharpnessEvery ?? 0}
        spec={SHARPNESS_EVERY}
        hint="steps (0: off)"
        help="Sharpness during training: λ_max of the training loss every this many steps, on a fixed sample of 64 training images (power iteration warm-started from the last eigenvector, at most 6 Hessian-vector products, each about two training steps' worth of work). 0 costs nothing."
        onCommit={(sharpnessEvery) => setTrain({ sharpnessEvery })}
      />
    </div>
  );
}
