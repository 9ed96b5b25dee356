import { useState } from 'react';
import { useServices } from '../../app/services';
import { usePersistence } from '../../app/persistence';
import { FileField } from '../../components/fields/FileField';
import { Panel } from '../../components/Panel';
import { download, downloadRuns, importFile } from '../../app/run-files';
import side from '../../components/side-panel.module.css';
import { useFlatland } from '../../store';
import {
  downloadPlotH5,
  downloadPlotImage,
  EXPORTABLE,
  plotCsv,
  type ExportablePlot,
} from './actions';
import styles from './import-export.module.css';

function ImportControl() {
  const ctrl = usePersistence();
  const [busy, setBusy] = useState(false);
  const message = useFlatland((s) => s.persistence.importMessage);
  const surface = useFlatland((s) => s.persistence.importedSurface);
  return (
    <div className={`${side.tools} ${styles.tools}`}>
      <FileField
        label="Import"
        accept=".flatland,.h5,.hdf5"
        disabled={busy}
        onFiles={([file]) => {
          setBusy(true);
          return importFile(ctrl, file!).finally(() => setBusy(false));
        }}
      />
      <p className={side.hint}>Flatland run or workspace files, and loss-landscape .h5 surfaces.</p>
      {message && (
        <p
          className={message.kind === 'error' ? side.error : side.metrics}
          role="status"
          aria-label="Import result"
        >
          {message.text}
        </p>
      )}
      {surface && <p className={side.badge}>Showing imported surface: {surface}</p>}
    </div>
  );
}

/** The slice or landscape in Li et al.'s `.h5` layout (other plots have no such format). */
function H5Export({ plot, onNote }: { plot: ExportablePlot; onNote: (n: string | null) => void }) {
  const ctrl = usePersistence();
  if (plot !== '1D loss slice' && plot !== '2D loss landscape') return null;
  return (
    <button
      type="button"
      className={side.button}
      onClick={() =>
        void downloadPlotH5(plot, ctrl).then(
          (ok) => onNote(ok ? null : `${plot}: no data yet.`),
          (e: unknown) => onNote(e instanceof Error ? e.message : String(e)),
        )
      }
    >
      HDF5
    </button>
  );
}

function PlotExport() {
  const ctrl = usePersistence();
  const { bus } = useServices();
  const [plot, setPlot] = useState<ExportablePlot>('Training curves');
  const [note, setNote] = useState<string | null>(null);
  const image = (format: 'png' | 'svg') =>
    void downloadPlotImage(plot, format).then((ok) =>
      setNote(ok ? null : `${plot}: nothing drawn yet.`),
    );
  return (
    <div className={`${side.tools} ${styles.tools}`}>
      <label className={side.file}>
        <span>Plot to export</span>
        <select value={plot} onChange={(e) => setPlot(e.currentTarget.value as ExportablePlot)}>
          {EXPORTABLE.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <div className={side.row}>
        <button
          type="button"
          className={side.button}
          onClick={() => {
            const csv = plotCsv(plot, ctrl, bus);
            setNote(csv ? null : `${plot}: no data yet.`);
            if (csv) download(`${plot.replace(/\W+/g, '-')}.csv`, csv, 'text/csv');
          }}
        >
          CSV
        </button>
        <button type="button" className={side.button} onClick={() => image('png')}>
          PNG
        </button>
        <button type="button" className={side.button} onClick={() => image('svg')}>
          SVG
        </button>
        <H5Export plot={plot} onNote={setNote} />
      </div>
      {note && <p className={side.error}>{note}</p>}
    </div>
  );
}

/** Import of run files and `.h5` surfaces; export of the workspace and of each plot. */
export function ImportExportPanel() {
  const ctrl = usePersistence();
  const hasRuns = useFlatland((s) => s.runs.length > 0);
  const [error, setError] = useState<string | null>(null);
  return (
    <Panel
      title="Import and export"
      className={side.panel}
      explanation={
        <>
          A .flatland file holds runs with their settings, metrics, checkpoints and results; the
          workspace file holds every run. Plots export as CSV (their numbers), PNG and SVG.
        </>
      }
    >
      <ImportControl />
      <button
        type="button"
        className={side.button}
        disabled={!hasRuns}
        onClick={() =>
          void downloadRuns(ctrl).then(
            () => setError(null),
            (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
          )
        }
      >
        Export all runs
      </button>
      {error && (
        <p className={side.error} role="alert">
          {error}
        </p>
      )}
      <PlotExport />
    </Panel>
  );
}
