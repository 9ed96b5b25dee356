/** The rows of the final-metrics table: the running model's and, for SWA/WASAM, the average's. */
import { formatLoss, formatPercent } from '../../domain/format';
import type { TrainSummary } from '../../domain/api';

export interface MetricRow {
  label: string;
  final: string;
  /** Absent when the run has no averaged weights. */
  averaged?: string;
}

type Metrics = NonNullable<TrainSummary['final']>;

const ROWS: { label: string; pick: (m: Metrics) => number; format: (n: number) => string }[] = [
  { label: 'Test accuracy', pick: (m) => m.testAcc, format: formatPercent },
  { label: 'Test loss', pick: (m) => m.testLoss, format: formatLoss },
  { label: 'Train accuracy', pick: (m) => m.trainAcc, format: formatPercent },
  { label: 'Train loss', pick: (m) => m.trainLoss, format: formatLoss },
];

export function metricRows(summary: TrainSummary): MetricRow[] {
  const { final, averaged } = summary;
  if (!final) return [];
  return ROWS.map(({ label, pick, format }) => ({
    label,
    final: format(pick(final)),
    ...(averaged ? { averaged: format(pick(averaged)) } : {}),
  }));
}
