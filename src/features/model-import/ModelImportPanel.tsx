import { useState } from 'react';
import { importModelFiles, type ModelImportMessage } from '../../app/model-import';
import { usePersistence } from '../../app/persistence';
import { FileField } from '../../components/fields/FileField';
import { SelectField, type Option } from '../../components/fields/SelectField';
import { Panel } from '../../components/Panel';
import side from '../../components/side-panel.module.css';
import type { DatasetId } from '../../domain/api';
import { DATASET_LABELS } from '../../domain/toy-data';
import { isRunActive, useFlatland } from '../../store';
import { NO_HISTORY, samplesNote } from './model-import-text';

const DATASET_OPTIONS: Option<DatasetId>[] = (Object.keys(DATASET_LABELS) as DatasetId[]).map(
  (id) => ({ value: id, label: DATASET_LABELS[id] }),
);

/** The file input: model.json with its weight files, all chosen at once. */
function ModelFiles({ dataset, disabled }: { dataset: DatasetId; disabled: boolean }) {
  const ctrl = usePersistence();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ModelImportMessage | null>(null);
  return (
    <>
      <FileField
        label="Import a TF.js model"
        accept=".json,.bin"
        multiple
        disabled={busy || disabled}
        onFiles={(files) => {
          setBusy(true);
          setMessage({ kind: 'ok', text: 'Importing…' });
          return importModelFiles(ctrl, files, dataset)
            .then(setMessage)
            .finally(() => setBusy(false));
        }}
      />
      {message && (
        <p
          className={message.kind === 'error' ? side.error : side.metrics}
          role="status"
          aria-label="Model import result"
        >
          {message.text}
        </p>
      )}
    </>
  );
}

/**
 * Import of a trained TF.js LayersModel (model.json and its .bin weight files, as
 * tensorflowjs_converter writes them from Keras) as a run, on the dataset it was trained on.
 */
export function ModelImportPanel() {
  const train = useFlatland((s) => s.train);
  const training = useFlatland((s) => isRunActive(s.run.status));
  const [dataset, setDataset] = useState<DatasetId>(train.dataset);
  return (
    <Panel
      title="Import a trained model"
      className={side.panel}
      explanation={
        <>
          A TF.js LayersModel (Keras models through tensorflowjs_converter) of Dense, Conv2D (stride
          1), MaxPooling2D, BatchNormalization, Flatten, ReLU and Dropout layers, ending in its
          classifier. Choose model.json and its .bin files together. {NO_HISTORY}
        </>
      }
    >
      <div className={side.tools}>
        <SelectField
          label="Dataset it was trained on"
          value={dataset}
          options={DATASET_OPTIONS}
          onChange={setDataset}
          disabled={training}
        />
        <p className={side.hint}>{samplesNote(train, dataset)}</p>
        <ModelFiles dataset={dataset} disabled={training} />
        {training && <p className={side.hint}>Available once training has finished.</p>}
      </div>
    </Panel>
  );
}
