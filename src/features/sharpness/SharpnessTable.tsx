import { RunTable, type RunColumn } from '../../components/RunTable';
import { flatlandStore, useFlatland } from '../../store';
import { sharpnessRow, type SharpnessRowView } from './sharpness-table';
import styles from '../../components/shared.module.css';

const COLUMNS: RunColumn<SharpnessRowView>[] = [
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
  {
    key: 'mSharpness',
    title: 'm-sharpness',
    hint: 'Foret et al. §4.1: mean over disjoint sets S of m samples of max over ‖ε‖₂ ≤ ρ of L_S(w + ε) − L_S(w) (each a lower bound, by the ρ-sharpness ascent), ± s.e. over sets',
  },
];

/** One row per measured run: accuracy, gap and every sharpness measure side by side. */
export function SharpnessTable() {
  const entries = useFlatland((s) => s.analysis.sharpness.entries);
  const busy = useFlatland((s) => s.analysis.job?.kind === 'sharpness');
  if (entries.length === 0) return <p className={styles.hint}>No run measured yet.</p>;
  return (
    <>
      <RunTable
        caption="Sharpness by run"
        columns={COLUMNS}
        rows={entries.map(sharpnessRow)}
        rowKey={(row) => row.runId}
      />
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
