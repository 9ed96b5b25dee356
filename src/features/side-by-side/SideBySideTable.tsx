import { useServices } from '../../app/services';
import { RunTable, type RunColumn } from '../../components/RunTable';
import type { RunInfo } from '../../domain/api';
import { flatlandStore, useFlatland } from '../../store';
import { analysisBlocker } from '../../app/analysis-status';
import { sideBySideRows, type SideBySideRow } from './side-by-side';
import { computeSideSharpness } from './side-by-side-job';
import { sideBySideStore } from './state';
import shared from '../../components/shared.module.css';

const COLUMNS: RunColumn<SideBySideRow>[] = [
  { key: 'trainAcc', title: 'Train acc.', hint: 'Final train accuracy of the solution' },
  { key: 'testAcc', title: 'Test acc.', hint: 'Final test accuracy of the solution' },
  { key: 'accGap', title: 'Gap (acc.)', hint: 'Train accuracy − test accuracy' },
  { key: 'lossGap', title: 'Gap (loss)', hint: 'Test loss − train loss' },
  { key: 'lambdaMax', title: 'λ_max', hint: 'Top Hessian eigenvalue (Sharpness panel settings)' },
  { key: 'rhoSharpness', title: 'ρ-sharpness', hint: 'max over ‖ε‖ ≤ ρ of L(w + ε) − L(w)' },
];

/** Accuracy, generalisation gaps and sharpness of each run, with a Compute for what is missing. */
export function SideBySideTable({ runs }: { runs: RunInfo[] }) {
  const { engine } = useServices();
  const entries = useFlatland((s) => s.analysis.sharpness.entries);
  const blocker = useFlatland((s) => analysisBlocker(s));
  const rows = sideBySideRows(runs, entries);
  const missing = runs.filter((_, i) => rows[i]!.needsSharpness);
  const compute = () =>
    void computeSideSharpness({ engine, store: flatlandStore, local: sideBySideStore }, missing);
  return (
    <RunTable caption="Runs side by side" columns={COLUMNS} rows={rows} rowKey={(row) => row.id}>
      {missing.length > 0 && (
        <div className={shared.row}>
          <button
            type="button"
            className={shared.secondary}
            disabled={blocker !== null}
            title={blocker ?? 'λ_max and ρ-sharpness of each solution (Sharpness panel settings)'}
            onClick={compute}
          >
            Compute λ_max and ρ-sharpness
          </button>
        </div>
      )}
    </RunTable>
  );
}
