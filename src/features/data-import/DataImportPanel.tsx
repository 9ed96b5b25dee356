import { FileField } from '../../components/fields/FileField';
import { Panel } from '../../components/Panel';
import side from '../../components/side-panel.module.css';
import {
  describeInput,
  IMPORT_LIMITS_TEXT,
  missingImportMessage,
  type ImportedDataMeta,
} from '../../domain/imported-data';
import { useFlatland } from '../../store';
import { useImportedData } from './use-imported-data';
import styles from './data-import.module.css';

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MB`;

/** One imported dataset: what it holds, Use (as the training dataset) and Delete. */
function DatasetItem(props: {
  meta: ImportedDataMeta;
  inUse: boolean;
  busy: boolean;
  onUse: () => void;
  onDelete: () => void;
}) {
  const { meta, inUse, busy } = props;
  return (
    <li className={styles.item} aria-label={meta.name}>
      <span className={styles.name}>{meta.name}</span>
      {inUse && <span className={side.badge}> · training dataset</span>}
      <span className={side.metrics}>
        {`${describeInput(meta.input)} · ${meta.classes} classes · ${meta.train.toLocaleString('en-US')} train / ${meta.test.toLocaleString('en-US')} test (${meta.testFrom}) · ${megabytes(meta.bytes)}${meta.scaled ? ' · uint8 scaled by 1/255' : ''}`}
      </span>
      <span className={side.row}>
        <button
          type="button"
          className={side.button}
          disabled={busy || inUse}
          aria-label={`Use ${meta.name}`}
          onClick={props.onUse}
        >
          Use
        </button>
        <button
          type="button"
          className={side.button}
          disabled={busy}
          aria-label={`Delete ${meta.name}`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </span>
    </li>
  );
}

/** The settings name imported data this browser does not hold (a link or a run file did). */
function MissingNotice({ list }: { list: ImportedDataMeta[] | null }) {
  const dataset = useFlatland((s) => s.train.dataset);
  const ref = useFlatland((s) => s.train.imported);
  if (dataset !== 'imported' || !ref || !list || list.some((m) => m.id === ref.id)) return null;
  return (
    <p className={side.error} role="alert">
      {missingImportMessage(ref)}
    </p>
  );
}

/** The file input (accessible name "Import data") and the limits it is held to. */
function ImportInput({ busy, onFiles }: { busy: boolean; onFiles: (f: File[]) => Promise<void> }) {
  return (
    <>
      <FileField
        label="Import data"
        accept=".npz,.npy,.csv"
        multiple
        disabled={busy}
        onFiles={onFiles}
      />
      <p className={side.hint}>{IMPORT_LIMITS_TEXT}</p>
    </>
  );
}

/** How the last import or deletion went: a bad file's problem is an alert. */
function Outcome(props: { busy: boolean; error: string | null; note: string | null }) {
  const { busy, error, note } = props;
  return (
    <>
      {busy && <p className={side.metrics}>Reading and checking…</p>}
      {error && (
        <p className={side.error} role="alert">
          {error}
        </p>
      )}
      {note && (
        <p className={side.metrics} role="status">
          {note}
        </p>
      )}
    </>
  );
}

/**
 * Import of a person's own data (.npz, a pair of .npy files, or CSV), checked and stored in this
 * browser's IndexedDB by the worker; the list of imported datasets, each usable for training.
 */
export function DataImportPanel() {
  const { list, busy, error, note, importFiles, remove, choose } = useImportedData();
  const inUse = useFlatland((s) => (s.train.dataset === 'imported' ? s.train.imported?.id : null));
  return (
    <Panel
      title="Your data"
      className={side.panel}
      explanation={
        <>
          One .npz with arrays x and y (optionally x_test, y_test), two .npy files x and y, or a CSV
          of features then an integer label. x is N×D or N×H×W×C, float or uint8 (scaled by 1/255);
          without a test split 20% is held out (seed 1). The data stays in this browser.
        </>
      }
    >
      <ImportInput busy={busy} onFiles={importFiles} />
      <Outcome busy={busy} error={error} note={note} />
      <MissingNotice list={list} />
      {list && list.length === 0 && <p className={side.hint}>No imported datasets yet.</p>}
      {list && list.length > 0 && (
        <ul className={styles.list} aria-label="Imported datasets">
          {list.map((meta) => (
            <DatasetItem
              key={meta.id}
              meta={meta}
              inUse={meta.id === inUse}
              busy={busy}
              onUse={() => choose(meta)}
              onDelete={() => void remove(meta)}
            />
          ))}
        </ul>
      )}
    </Panel>
  );
}
