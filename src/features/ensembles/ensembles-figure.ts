/**
 * Fast Geometric Ensembling vs SWA as snapshots accumulate: test accuracy of FGE's ensemble of
 * the first k snapshots (mean softmax predictions), of SWA's one model (their averaged weights)
 * and of snapshot k alone, and the cost of each prediction rule. Pure.
 */
import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout } from '../../components/plot/theme';
import type { EnsembleResult } from '../../domain/api';
import { OPTIMIZER_COLORS } from '../../domain/optimizers';

function line(
  name: string,
  r: EnsembleResult,
  y: number[],
  color: string,
  dash: 'solid' | 'dot',
): Data {
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x: [...r.k],
    y: [...y],
    line: { color, width: dash === 'solid' ? 2.5 : 1.5, dash },
    hovertemplate: '%{y:.2%}',
  };
}

export function ensembleTraces(r: EnsembleResult | null): Data[] {
  if (!r) return [];
  return [
    line('FGE: ensemble of k snapshots', r, r.fgeAcc, OPTIMIZER_COLORS.fge, 'solid'),
    line('SWA: average of k snapshots', r, r.swaAcc, OPTIMIZER_COLORS.swa, 'solid'),
    line('Snapshot k alone', r, r.memberAcc, '#7f7f7f', 'dot'),
  ];
}

export function ensembleLayout(r: EnsembleResult | null): Partial<Layout> {
  return baseLayout({
    margin: { l: 56, r: 16, t: 16, b: 44 },
    legend: { orientation: 'h', x: 0, y: -0.22, yanchor: 'top', font: { size: 11 } },
    xaxis: axis('Snapshots k', { dtick: 1, range: [0.5, (r?.k.length ?? 1) + 0.5] }),
    yaxis: axis('Test accuracy', { tickformat: '.0%' }),
  } as Partial<Layout>);
}

/** One row of the cost table: what predicting every test sample costs at k snapshots. */
export interface CostRow {
  k: number;
  step: number;
  fgeAcc: string;
  swaAcc: string;
  /** Forward passes per test image: k for FGE, 1 for SWA. */
  fgePasses: number;
  swaPasses: number;
  fgeMs: string;
  swaMs: string;
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(2)} %` : '—');
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '—');

export function costRows(r: EnsembleResult | null): CostRow[] {
  if (!r) return [];
  return r.k.map((k, i) => ({
    k,
    step: r.steps[i] ?? NaN,
    fgeAcc: pct(r.fgeAcc[i]!),
    swaAcc: pct(r.swaAcc[i]!),
    fgePasses: k,
    swaPasses: 1,
    fgeMs: ms(r.fgeMs[i]!),
    swaMs: ms(r.swaMs[i]!),
  }));
}

/** The FGE runs that kept snapshots, newest first, as select options. */
export function fgeRunOptions(runs: readonly { id: string; name: string; snapshots?: number }[]) {
  return runs
    .filter((r) => (r.snapshots ?? 0) > 0)
    .reverse()
    .map((r) => ({ value: r.id, label: `${r.name} (${r.snapshots} snapshots)` }));
}
