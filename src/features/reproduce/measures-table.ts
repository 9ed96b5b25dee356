/** The per-arm numbers a preset measured, as table rows (mean ± spread over seeds). Pure. */
import {
  baselineArm,
  neededMeasures,
  type Measure,
  type Preset,
} from '../../domain/reproduce/presets';
import { formatMeanSpread, value, type SeedMeasures } from '../../domain/reproduce/verdict';
import { CONVEXITY_EPSILON } from '../../domain/curvature';

/** Column titles, in column order: train loss (is the regime near zero?), test error, then the rest. */
const MEASURE_TITLES: Record<Measure, (preset: Preset) => string> = {
  trainLoss: () => 'Train loss',
  testError: () => 'Test error',
  basinWidth: () => 'Basin width',
  lambdaMax: () => 'λ_max',
  barrier: (p) => `Barrier from ${baselineArm(p).label}`,
  ensembleTestError: () => 'Test error (FGE: ensemble)',
  mSharpness: (p) => `m-sharpness (m = ${p.probe.mSharpness?.m ?? '—'})`,
  curveBarrier: (p) => `Curve barrier from ${baselineArm(p).label}`,
  nonConvexShare: () => `Non-convex share (λ_min < −${CONVEXITY_EPSILON}·λ_max)`,
  curvatureRatio: () => 'Mean |λ_min/λ_max|',
};

export const measureTitle = (preset: Preset, m: Measure) => MEASURE_TITLES[m](preset);

/** The columns: train loss and test error always, then what the claims need. */
export function measureColumns(preset: Preset): Measure[] {
  const need = neededMeasures(preset);
  return (Object.keys(MEASURE_TITLES) as Measure[]).filter((m) => need.has(m));
}

export function measureRows(
  preset: Preset,
  seeds: SeedMeasures[],
): { arm: string; label: string; cells: string[] }[] {
  const columns = measureColumns(preset);
  return preset.arms.map((arm) => ({
    arm: arm.id,
    label: arm.label,
    cells: columns.map((m) => {
      const xs = seeds.map((s) => value(s.runs[arm.id], m)).filter(Number.isFinite);
      return xs.length ? formatMeanSpread(xs) : '—';
    }),
  }));
}
