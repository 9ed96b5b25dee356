import { RunTable, type RunColumn } from '../../components/RunTable';
import type { BasinSettings } from '../../store/analysis-slice';
import type { ComparisonResult } from './comparison-state';
import { comparisonRows, type ComparisonRow } from './comparison-table';

const COLUMNS: RunColumn<ComparisonRow>[] = [
  { key: 'testAcc', title: 'Test acc.' },
  { key: 'lambdaMax', title: 'λ_max' },
  { key: 'trace', title: 'Trace' },
  { key: 'basin', title: 'Basin width' },
];

/** One row per compared run: accuracy, λ_max, trace and 1D basin width of its solution. */
export function ComparisonTable({
  results,
  basin,
}: {
  results: readonly ComparisonResult[];
  basin: BasinSettings;
}) {
  return (
    <RunTable
      caption="Curvature and basin width per run"
      columns={COLUMNS}
      rows={comparisonRows(results, basin)}
      rowKey={(row) => row.id}
    />
  );
}
