import { useEffect, useState } from 'react';
import { NumberField } from '../../components/fields/NumberField';
import { SelectField, type Option } from '../../components/fields/SelectField';
import type { FlatMinimaSettings, TrainConfig } from '../../domain/api';
import { numberControl, type NumberControlPath } from '../../schema';
import { flatlandStore, useFlatland } from '../../store';
import type { EditableField } from '../../store/types';
import { flatView, helpTexts, visibleFields } from './flat-fields';

/** The settings in force (user choices over paper defaults), which fields apply, and their tips. */
export function useFlatView() {
  const train = useFlatland((s) => s.train);
  const view = flatView(train);
  return {
    train,
    view,
    settings: view.settings,
    visible: visibleFields(train.optimizer, view.settings),
    help: helpTexts(view),
  };
}

/**
 * The store's error for a field: its text's own, else the rule it breaks, so Train stays disabled
 * while either shows. A hidden field (Momentum under Adam) no longer applies: unmounting withdraws
 * it. Returns the field's `onError`.
 */
export function useFieldError(field: EditableField, problem: string | null) {
  const [typed, setTyped] = useState<string | null>(null);
  const error = typed ?? problem;
  useEffect(() => {
    const { setFieldError } = flatlandStore.getState();
    setFieldError(field, error);
    return () => setFieldError(field, null);
  }, [field, error]);
  return setTyped;
}

interface SettingNumberProps {
  field: EditableField;
  path: NumberControlPath;
  value: number;
  onCommit: (value: number) => void;
  problem?: string | null;
}

/** A number setting of the Controls panel: its field from the schema's table, tied to the store. */
export function SettingNumber({
  field,
  path,
  value,
  onCommit,
  problem = null,
}: SettingNumberProps) {
  const { view } = useFlatView();
  const onError = useFieldError(field, problem);
  return (
    <NumberField
      {...numberControl(path, view)}
      value={value}
      problem={problem}
      onCommit={onCommit}
      onError={onError}
    />
  );
}

type TrainNumberName = 'lr' | 'momentum' | 'batchSize' | 'epochs' | 'seed' | 'sharpnessEvery';

/** A number of the training config (`train.<name>` in the schema's table). */
export function TrainNumber(props: { name: TrainNumberName; problem?: string | null }) {
  const { name, problem } = props;
  // λ_max every is optional in the config: absent is off.
  const value = useFlatland((s) => s.train[name] ?? 0);
  const commit = (v: number) => flatlandStore.getState().setTrain({ [name]: v });
  return (
    <SettingNumber
      field={name}
      path={`train.${name}`}
      value={value}
      problem={problem}
      onCommit={commit}
    />
  );
}

export type FlatNumberName = Exclude<
  keyof FlatMinimaSettings,
  'base' | 'adaptive' | 'schedule' | 'annealStrategy' | 'samP' | 'secondOrder'
>;

/** An optimizer setting (`train.flat.<name>`): shows the value in force, stores an override. */
export function FlatNumber({ name, problem }: { name: FlatNumberName; problem?: string | null }) {
  const { settings } = useFlatView();
  const commit = (v: number) => flatlandStore.getState().setFlat({ [name]: v });
  return (
    <SettingNumber
      field={name}
      path={`train.flat.${name}`}
      value={settings[name]}
      problem={problem}
      onCommit={commit}
    />
  );
}

type TrainChoiceName = 'dataset' | 'subset' | 'model' | 'optimizer';

interface ChoiceProps<K, V extends string | number> {
  name: K;
  label: string;
  options: readonly Option<V>[];
}

/** A choice of the training config (`train.<name>`); the optimizer's has its (i) text. */
export function TrainChoice<K extends TrainChoiceName>(props: ChoiceProps<K, TrainConfig[K]>) {
  const { name, label, options } = props;
  const { train, help } = useFlatView();
  return (
    <SelectField
      label={label}
      value={train[name]}
      options={options}
      help={name === 'optimizer' ? help.optimizer : undefined}
      onChange={(v) => flatlandStore.getState().setTrain({ [name]: v })}
    />
  );
}

type FlatChoiceName = 'base' | 'schedule' | 'annealStrategy' | 'samP';

/** An optimizer choice (`train.flat.<name>`): the value in force, with its (i) text. */
export function FlatChoice<K extends FlatChoiceName>(props: ChoiceProps<K, FlatMinimaSettings[K]>) {
  const { name, label, options } = props;
  const { settings, help } = useFlatView();
  return (
    <SelectField
      label={label}
      value={settings[name]}
      options={options}
      help={help[name]}
      onChange={(v) => flatlandStore.getState().setFlat({ [name]: v })}
    />
  );
}
