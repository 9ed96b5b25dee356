import { useEffect } from 'react';
import { SelectField } from '../../components/fields/SelectField';
import {
  isToyDataset,
  modelInputProblem,
  resolveToy,
  type ToySettings,
} from '../../domain/toy-data';
import { flatlandStore, useFlatland } from '../../store';
import type { EditableField } from '../../store/types';
import { MODEL_OPTIONS } from './options';
import { SettingNumber } from './SettingField';
import styles from './controls.module.css';

const TOY_FIELDS: Record<keyof ToySettings, EditableField> = {
  trainSize: 'toyTrainSize',
  testSize: 'toyTestSize',
  noise: 'toyNoise',
  classes: 'toyClasses',
  seed: 'toySeed',
};

/** A toy dataset setting (`train.toy.<name>`): the value in force, its default until set. */
function ToyNumber({ name }: { name: keyof ToySettings }) {
  const value = useFlatland((s) => resolveToy(s.train.toy)[name]);
  return (
    <SettingNumber
      field={TOY_FIELDS[name]}
      path={`train.toy.${name}`}
      value={value}
      onCommit={(v) => flatlandStore.getState().setToy({ [name]: v })}
    />
  );
}

/** How the toy dataset is generated; shown for toy data only. */
export function ToyFields() {
  const dataset = useFlatland((s) => s.train.dataset);
  if (!isToyDataset(dataset)) return null;
  return (
    <>
      <div className={styles.pair}>
        <ToyNumber name="trainSize" />
        <ToyNumber name="testSize" />
      </div>
      <div className={styles.pair}>
        <ToyNumber name="noise" />
        <ToyNumber name="seed" />
      </div>
      {dataset === 'blobs' && (
        <div className={styles.pair}>
          <ToyNumber name="classes" />
        </div>
      )}
    </>
  );
}

/**
 * The model choice: only models that can take the dataset's examples are offered (a conv layer
 * cannot take one 2-D point); a chosen one that cannot says why and blocks Train.
 */
export function ModelChoice() {
  const train = useFlatland((s) => s.train);
  const { model, layers } = train;
  const problem = modelInputProblem({ model, layers }, train);
  const options = MODEL_OPTIONS.filter(
    (o) => o.value === model || !modelInputProblem({ model: o.value, layers }, train),
  );
  useEffect(() => {
    const { setFieldError } = flatlandStore.getState();
    setFieldError('model', problem);
    return () => setFieldError('model', null);
  }, [problem]);
  return (
    <SelectField
      label="Model"
      value={model}
      options={options}
      hint={problem ?? undefined}
      onChange={(v) => flatlandStore.getState().setTrain({ model: v })}
    />
  );
}
