/** The Trajectories plot: one line per run in its colour, on the plane the worker chose. */
import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import { COMPARE_ORDER, OPTIMIZER_COLORS, OPTIMIZER_NAMES } from '../../domain/optimizers';
import type { RunInfo, TrajectoryResult } from '../../domain/api';

/** Name and colour of the i-th path: the stored run's, or the comparison's i-th optimizer's. */
export function pathStyle(
  runId: string,
  index: number,
  runs: readonly RunInfo[],
): { name: string; color: string } {
  const run = runs.find((r) => r.id === runId);
  if (run) return { name: run.name, color: run.color };
  const optimizer = COMPARE_ORDER[index] ?? 'sgd';
  return { name: OPTIMIZER_NAMES[optimizer], color: OPTIMIZER_COLORS[optimizer] };
}

export function trajectoryTraces(result: TrajectoryResult, runs: readonly RunInfo[]): Data[] {
  const traces: Data[] = result.paths.map((p, i) => {
    const { name, color } = pathStyle(p.runId, i, runs);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: p.a,
      y: p.b,
      text: p.epochs.map((e) => (e === 0 ? 'initial weights' : `epoch ${e}`)),
      line: { color, width: 2 },
      marker: { color, size: 6 },
      hovertemplate: `${name}, %{text}<br>(%{x:.3f}, %{y:.3f})<extra></extra>`,
    };
  });
  result.paths.forEach((p, i) => {
    if (!p.averaged) return;
    const { name, color } = pathStyle(p.runId, i, runs);
    traces.push({
      type: 'scatter',
      mode: 'markers',
      name: `${name} average`,
      x: [p.averaged.a],
      y: [p.averaged.b],
      marker: { symbol: 'diamond', size: 11, color, line: { color: COLORS.marker, width: 1 } },
      hovertemplate: `${name} averaged weights<br>(%{x:.3f}, %{y:.3f})<extra></extra>`,
    });
  });
  return traces;
}

export function trajectoryLayout(result: TrajectoryResult): Partial<Layout> {
  return baseLayout({
    hovermode: 'closest',
    xaxis: axis(result.label1, { zeroline: true }),
    yaxis: axis(result.label2, { zeroline: true }),
  });
}

/** One line under the plot saying which plane is shown. */
export function planeCaption(result: TrajectoryResult): string {
  if (result.plane === 'pca') {
    const [e1, e2] = result.explained ?? [0, 0];
    return `PCA plane of all runs’ checkpoints: it explains ${(100 * (e1 + e2)).toFixed(1)}% of their variance.`;
  }
  return 'Fixed random filter-normalised plane through the common initial weights (while training).';
}
