/** The per-optimizer numbers a preset measured, as table rows (mean ± spread over seeds). Pure. */
import type { OptimizerId } from '../../worker/api';
import { neededMeasures, type Measure, type Preset } from './presets';
import { formatMeanSpread, value, type SeedMeasures } from './verdict';

export const MEASURE_TITLES: Record<Exclude<Measure, 'testError'>, string> = {
  testAcc: 'Test acc.',
  basinWidth: 'Basin width',
  lambdaMax: 'λ_max',
  barrier: 'Barrier from SGD',
};

/** The columns: test accuracy always, then what the claims needed. */
export function measureColumns(preset: Preset): Exclude<Measure, 'testError'>[] {
  const need = neededMeasures(preset);
  const order = ['basinWidth', 'lambdaMax', 'barrier'] as const;
  return ['testAcc', ...order.filter((m) => need.has(m))];
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
