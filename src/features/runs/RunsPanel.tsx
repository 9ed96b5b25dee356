import { Panel } from '../../components/Panel';
import { useFlatland } from '../../store';
import type { RunInfo } from '../../domain/api';
import side from '../../components/side-panel.module.css';
import { RenameRun, RunActions } from './RunActions';
import { formatBytes, runActionBlocker, runRow } from './run-items';
import styles from './runs.module.css';

function RunItem({ run }: { run: RunInfo }) {
  const blocker = useFlatland((s) => runActionBlocker(s.run.status, s.analysis.job !== null));
  // "In landscape" once the slice or grid of this run's solution is computed or on its way.
  const shown = useFlatland((s) => s.explored?.runId === run.id && s.landscape.status !== 'idle');
  const row = runRow(run);
  return (
    <li className={styles.item} aria-current={shown ? 'true' : undefined}>
      <span className={styles.swatch} style={{ background: row.color }} aria-hidden="true" />
      <div className={styles.info}>
        <span className={styles.name}>
          {row.name}
          {row.stopped && <span className={styles.muted}> (stopped)</span>}
        </span>
        <span className={side.metrics}>{row.test}</span>
        {row.imported && <span className={side.metrics}>Imported model: no training history</span>}
        {row.averaged && <span className={side.metrics}>{row.averaged}</span>}
        {shown && <span className={side.badge}>In landscape</span>}
        <RenameRun run={run} />
      </div>
      <RunActions run={run} blocker={blocker} />
    </li>
  );
}

/** What the saved runs take: our own count and the browser's estimate for the whole origin. */
function StorageUsage() {
  const storage = useFlatland((s) => s.persistence.storage);
  if (!storage) return null;
  const origin =
    storage.usage !== null && storage.quota !== null
      ? ` (this site uses ${formatBytes(storage.usage)} of ${formatBytes(storage.quota)})`
      : '';
  return (
    <p className={styles.storage} aria-label="Storage used">
      Saved in this browser: {formatBytes(storage.ours)}
      {origin}
    </p>
  );
}

/** Every run the worker keeps, in its plot colour, saved in the browser across reloads. */
export function RunsPanel() {
  const runs = useFlatland((s) => s.runs);
  const error = useFlatland((s) => s.runsError);
  const notice = useFlatland((s) => s.persistence.notice);
  return (
    <Panel
      title="Runs"
      className={side.panel}
      explanation={
        <>
          Each run keeps its colour in every plot and is saved in this browser, so it comes back
          after a reload. Explore shows a run’s solution (the SWA average for SWA and WASAM) in the
          1D slice and the 2D landscape.
        </>
      }
    >
      {[error, notice].map(
        (text) =>
          text && (
            <p key={text} className={side.error} role="alert">
              {text}
            </p>
          ),
      )}
      {runs.length === 0 ? (
        <p className={styles.empty}>Train, or compare optimizers, to list runs here.</p>
      ) : (
        <ul className={styles.list} aria-label="Runs">
          {runs.map((run) => (
            <RunItem key={run.id} run={run} />
          ))}
        </ul>
      )}
      <StorageUsage />
    </Panel>
  );
}
