import { useId } from 'react';
import type { BasinSettings } from '../../store/analysis-slice';
import type { ComparisonResult } from './comparison-state';
import { comparisonRows, type ComparisonRow } from './comparison-table';
import styles from './comparison.module.css';

const COLUMNS: { key: 'testAcc' | 'lambdaMax' | 'trace' | 'basin'; title: string }[] = [
  { key: 'testAcc', title: 'Test acc.' },
  { key: 'lambdaMax', title: 'λ_max' },
  { key: 'trace', title: 'Trace' },
  { key: 'basin', title: 'Basin width' },
];

function Row({ row }: { row: ComparisonRow }) {
  return (
    <tr>
      <th scope="row">
        <span className={styles.swatch} style={{ background: row.color }} aria-hidden="true" />
        {row.name} <span className={styles.hint}>({row.weights})</span>
      </th>
      {COLUMNS.map((c) => (
        <td key={c.key}>{row[c.key]}</td>
      ))}
    </tr>
  );
}

/** One row per compared run: accuracy, λ_max, trace and 1D basin width of its solution. */
export function ComparisonTable({
  results,
  basin,
}: {
  results: readonly ComparisonResult[];
  basin: BasinSettings;
}) {
  const captionId = useId();
  const rows = comparisonRows(results, basin);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-labelledby={captionId}>
        <caption id={captionId} className={styles.caption}>
          Curvature and basin width per run
        </caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.id} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
