import { useServices } from '../../app/services';
import { Panel } from '../../components/Panel';
import { useFlatland } from '../../store';
import type { RunInfo } from '../../worker/api';
import { runActionBlocker, runRow } from './run-items';
import styles from './runs.module.css';

function RunItem({ run }: { run: RunInfo }) {
  const { controller } = useServices();
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
        <span className={styles.metrics}>{row.test}</span>
        {row.averaged && <span className={styles.metrics}>{row.averaged}</span>}
        {shown && <span className={styles.badge}>In landscape</span>}
      </div>
      <div className={styles.actions}>
        <button
          type="button"
          className={styles.button}
          aria-label={`Explore ${row.name}`}
          title={blocker ?? 'Show this run’s solution in the 1D slice and the 2D landscape'}
          disabled={blocker !== null}
          onClick={() => void controller.explore(run.id)}
        >
          Explore
        </button>
        <button
          type="button"
          className={styles.button}
          aria-label={`Delete ${row.name}`}
          title={blocker ?? 'Free this run’s weights in the worker'}
          disabled={blocker !== null}
          onClick={() => void controller.deleteRun(run.id)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** Every run the worker keeps, in its plot colour, with Explore and Delete. */
export function RunsPanel() {
  const runs = useFlatland((s) => s.runs);
  const error = useFlatland((s) => s.runsError);
  return (
    <Panel
      title="Runs"
      className={styles.panel}
      explanation={
        <>
          Each run keeps its colour in every plot. Explore shows a run’s solution (the SWA average
          for SWA and WASAM) in the 1D slice and the 2D landscape.
        </>
      }
    >
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
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
    </Panel>
  );
}
