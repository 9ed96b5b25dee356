import { formatDuration } from '../../domain/format';
import { useFlatland } from '../../store';
import { metricRows } from './final-metrics';
import styles from './controls.module.css';

/** The last run's final metrics; SWA and WASAM runs show their averaged weights beside them. */
export function FinalMetrics() {
  const summary = useFlatland((s) => s.summary);
  const name = useFlatland((s) => s.runs.find((r) => r.id === s.summary?.runId)?.name);
  if (!summary?.final) return null;
  const rows = metricRows(summary);
  const averaged = summary.averaged;
  return (
    <div className={styles.metricsBlock}>
      <table className={styles.metricsTable}>
        <caption className={styles.caption}>
          {name ? `Final metrics: ${name}` : 'Final metrics'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Final model</th>
            {averaged && <th scope="col">SWA average</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.final}</td>
              {averaged && <td>{row.averaged}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p className={styles.hint}>
        {`Time ${formatDuration(summary.elapsedMs)}`}
        {averaged && ` · average of ${averaged.nAveraged} snapshots, BatchNorm recomputed`}
      </p>
    </div>
  );
}
