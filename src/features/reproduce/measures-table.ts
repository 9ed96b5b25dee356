/** The per-optimizer numbers a preset measured, as table rows (mean ± spread over seeds). Pure. */
import type { OptimizerId } from '../../domain/api';
import { neededMeasures, type Measure, type Preset } from '../../domain/reproduce/presets';
import { formatMeanSpread, value, type SeedMeasures } from '../../domain/reproduce/verdict';

export const MEASURE_TITLES: Record<Measure, string> = {
  trainLoss: 'Train loss',
  testError: 'Test error',
  basinWidth: 'Basin width',
  lambdaMax: 'λ_max',
  barrier: 'Barrier from SGD',
};

/** The columns: train loss (is the regime near zero?) and test error, then what claims need. */
export function measureColumns(preset: Preset): Measure[] {
  const need = neededMeasures(preset);
  const order = ['trainLoss', 'testError', 'basinWidth', 'lambdaMax', 'barrier'] as const;
  return order.filter((m) => need.has(m));
}

export function measureRows(
  preset: Preset,
  seeds: SeedMeasures[],
): { optimizer: OptimizerId; cells: string[] }[] {
  const columns = measureColumns(preset);
  return preset.optimizers.map((optimizer) => ({
    optimizer,
    cells: columns.map((m) => {
      const xs = seeds.map((s) => value(s.runs[optimizer], m)).filter(Number.isFinite);
      return xs.length ? formatMeanSpread(xs) : '—';
    }),
  }));
}
