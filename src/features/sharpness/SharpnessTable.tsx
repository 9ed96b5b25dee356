import { useId } from 'react';
import { flatlandStore, useFlatland } from '../../store';
import { sharpnessRow, type SharpnessRowView } from './sharpness-table';
import styles from '../../components/shared.module.css';

const COLUMNS: { key: keyof SharpnessRowView; title: string; hint: string }[] = [
  { key: 'testAcc', title: 'Test acc.', hint: 'Final test accuracy of the measured weights' },
  { key: 'gap', title: 'Gap', hint: 'Generalisation gap: train accuracy − test accuracy' },
  { key: 'lambdaMax', title: 'λ_max', hint: 'Top Hessian eigenvalue (power iteration)' },
  { key: 'trace', title: 'Trace', hint: 'Hutchinson estimate of tr(H) ± standard error' },
  {
    key: 'rhoSharpness',
    title: 'ρ-sharpness',
    hint: 'Foret et al.: max over ‖ε‖₂ ≤ ρ of L(w + ε) − L(w) on the sample (lower bound, ascent)',
  },
  {
    key: 'adaptive',
    title: 'Adaptive',
    hint: 'Kwon et al.: max over ‖ε/|w|‖₂ ≤ adaptive ρ, T = |w| on every weight as the ASAM that trains',
  },
  {
    key: 'average',
    title: 'Average-case',
    hint: 'Andriushchenko et al.: mean L(w + δ) − L(w), δᵢ ~ N(0, ρ²) per weight, ± s.e.',
  },
  {
    key: 'adaptiveAverage',
    title: 'Adaptive avg.',
    hint: 'Andriushchenko et al.: mean L(w + δ) − L(w), δᵢ ~ N(0, ρ²wᵢ²) per weight, ± s.e.',
  },
];

function Row({ row }: { row: SharpnessRowView }) {
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

/** One row per measured run: accuracy, gap and every sharpness measure side by side. */
export function SharpnessTable() {
  const captionId = useId();
  const entries = useFlatland((s) => s.analysis.sharpness.entries);
  const busy = useFlatland((s) => s.analysis.job?.kind === 'sharpness');
  if (entries.length === 0) return <p className={styles.hint}>No run measured yet.</p>;
  return (
    <>
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-labelledby={captionId}>
          <caption id={captionId} className={styles.caption}>
            Sharpness by run
          </caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" title={c.hint}>
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <Row key={e.run.id} row={sharpnessRow(e)} />
            ))}
          </tbody>
        </table>
      </div>
      <div className={styles.row}>
        <button
          type="button"
          className={styles.secondary}
          disabled={busy}
          onClick={() => flatlandStore.getState().clearSharpnessEntries()}
        >
          Clear table
        </button>
      </div>
    </>
  );
}
