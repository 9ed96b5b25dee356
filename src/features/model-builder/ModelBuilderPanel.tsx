import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { SelectField, type Option } from '../../components/fields/SelectField';
import shared from '../../components/shared.module.css';
import type { ModelId, TrainConfig } from '../../domain/api';
import type { LayerSpec } from '../../domain/model';
import { MODEL_ZOO, presetLayers } from '../../domain/model-zoo';
import { datasetInput } from '../../domain/toy-data';
import { runHoldsControls, useFlatland } from '../../store';
import { deeper, LAYER_TYPES, newLayer, scaleWidth, shallower, type LayerType } from './builder';
import { LayerTable } from './LayerTable';
import styles from './model-builder.module.css';

const START: Option<TrainConfig['model']>[] = [
  ...(Object.keys(MODEL_ZOO) as ModelId[]).map((id) => ({ value: id, label: MODEL_ZOO[id].label })),
  { value: 'custom', label: 'Custom layers' },
];

/** The layers the builder shows: the custom model's, or the chosen built-in model's. */
function useLayers(): LayerSpec[] {
  const model = useFlatland((s) => s.train.model);
  const layers = useFlatland((s) => s.train.layers);
  if (model !== 'custom') return presetLayers(model);
  return layers ?? [];
}

/** Width and depth: every conv/dense wider or narrower, one residual block more or less. */
function Reshape({ layers, edit }: { layers: LayerSpec[]; edit: (l: LayerSpec[]) => void }) {
  // The dataset is selected, not its shape: a selector must return a stable value.
  const dataset = useFlatland((s) => s.train.dataset);
  const imported = useFlatland((s) => s.train.imported);
  const input = datasetInput({ dataset, imported });
  const blocks = layers.filter((l) => l.type === 'residual').length;
  const button = (label: string, next: () => LayerSpec[], disabled = false) => (
    <button
      type="button"
      className={shared.secondary}
      disabled={disabled}
      onClick={() => edit(next())}
    >
      {label}
    </button>
  );
  return (
    <div className={styles.toolbar} role="group" aria-label="Width and depth">
      {button('Wider (×2)', () => scaleWidth(layers, 2))}
      {button('Narrower (×½)', () => scaleWidth(layers, 0.5))}
      {button('Deeper (+1 residual block)', () => deeper(layers, input))}
      {button('Shallower (−1 residual block)', () => shallower(layers), blocks === 0)}
    </div>
  );
}

function AddLayer({ onAdd }: { onAdd: (type: LayerType) => void }) {
  const [type, setType] = useState<LayerType>('conv2d');
  return (
    <div className={styles.toolbar}>
      <SelectField label="New layer" value={type} options={LAYER_TYPES} onChange={setType} />
      <button type="button" className={shared.secondary} onClick={() => onAdd(type)}>
        Add layer
      </button>
    </div>
  );
}

/**
 * The model builder: the layers of the model the next run trains (a built-in model is shown as
 * its layers; any edit makes it a custom model), their output shapes and parameter counts, and
 * why they cannot be built when they cannot (Train waits until they can).
 */
export function ModelBuilderPanel() {
  const model = useFlatland((s) => s.train.model);
  const setTrain = useFlatland((s) => s.setTrain);
  const setFieldError = useFlatland((s) => s.setFieldError);
  const locked = useFlatland(runHoldsControls);
  const layers = useLayers();
  const edit = (next: LayerSpec[]) => setTrain({ model: 'custom', layers: next });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onError = (key: string, message: string | null) => {
    setErrors((old) => {
      const next = { ...old };
      if (message) next[key] = message;
      else delete next[key];
      setFieldError('layers', Object.values(next)[0] ?? null);
      return next;
    });
  };
  return (
    <Panel
      title="Model builder"
      className={shared.wide}
      explanation={
        <>
          The classifier (a dense layer with one unit per class, after a flatten when needed) is
          added for the dataset. Residual blocks are He et al. (2016)&apos;s basic block; “none”
          drops the shortcut, as Li et al. (2018)&apos;s no-skip networks. GELU is the exact erf
          form (PyTorch&apos;s default).
        </>
      }
    >
      <fieldset className={styles.builder} disabled={locked}>
        <legend className={styles.legend}>Layers of the next run&apos;s model</legend>
        <SelectField
          label="Model to edit"
          value={model}
          options={START}
          onChange={(m) => (m === 'custom' ? edit(layers) : setTrain({ model: m }))}
          hint="Editing a built-in model makes it a custom one"
        />
        <Reshape layers={layers} edit={edit} />
        <LayerTable layers={layers} edit={edit} onError={onError} />
        <AddLayer onAdd={(type) => edit([...layers, newLayer(type)])} />
        {Object.keys(errors).length > 0 && (
          <p className={shared.error}>Fix the typed numbers first: {Object.values(errors)[0]}</p>
        )}
      </fieldset>
    </Panel>
  );
}
