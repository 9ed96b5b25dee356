import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout } from '../../components/plot/theme';
import { formatPercent, formatT } from '../../domain/format';
import type { DecisionBoundary } from '../../domain/toy-data';

/** TensorFlow Playground's orange and blue for classes 0 and 1, then distinct hues for blobs. */
export const CLASS_COLORS = ['#f59322', '#0877bd', '#16a34a', '#9333ea', '#dc2626', '#0d9488'];

/** The light end of a class's band: its colour mixed 80 % with white. */
function light(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const mix = (v: number) => Math.round(v + (255 - v) * 0.8);
  return `rgb(${mix(r!)}, ${mix(g!)}, ${mix(b!)})`;
}

/**
 * The heatmap's value at one grid point: class c owns the band [c/k, (c+1)/k) of the colour
 * scale, from light (probability 1/k, a toss-up) to its full colour (probability 1).
 */
export function cellValue(predicted: number, confidence: number, classes: number): number {
  const floor = 1 / classes;
  const depth = Math.min(Math.max((confidence - floor) / (1 - floor), 0), 1);
  return (predicted + 0.999 * depth) / classes;
}

/** k bands, each from the light to the full colour of its class (Plotly's scale ends at 1). */
export function bandScale(classes: number): [number, string][] {
  return Array.from({ length: classes }, (_, c): [number, string][] => {
    const color = CLASS_COLORS[c % CLASS_COLORS.length]!;
    return [
      [c / classes, light(color)],
      [c === classes - 1 ? 1 : (c + 0.999) / classes, color],
    ];
  }).flat();
}

/** The heatmap of predictions (rows are y) and the training points on top, one trace a class. */
export function boundaryTraces(b: DecisionBoundary): Data[] {
  const n = b.xs.length;
  const z = Array.from({ length: b.ys.length }, (_, j) =>
    Array.from({ length: n }, (_, i) =>
      cellValue(b.predicted[j * n + i]!, b.confidence[j * n + i]!, b.classes),
    ),
  );
  const heatmap: Data = {
    type: 'heatmap',
    name: 'prediction',
    x: b.xs,
    y: b.ys,
    z,
    zmin: 0,
    zmax: 1,
    colorscale: bandScale(b.classes),
    showscale: false,
    // Faded, as Playground's background, so the points in their full colour stand out on it.
    opacity: 0.6,
    hoverinfo: 'skip',
  };
  const points = Array.from({ length: b.classes }, (_, c): Data => {
    const at = b.points.label.flatMap((l, k) => (l === c ? [k] : []));
    return {
      type: 'scatter',
      mode: 'markers',
      name: `class ${c}`,
      x: at.map((k) => b.points.x[k]!),
      y: at.map((k) => b.points.y[k]!),
      marker: {
        color: CLASS_COLORS[c % CLASS_COLORS.length],
        size: 6,
        line: { color: '#1f2937', width: 1 },
      },
      hovertemplate: `class ${c}<br>(%{x:.2f}, %{y:.2f})<extra></extra>`,
    };
  });
  return [heatmap, ...points];
}

export function boundaryLayout(): Partial<Layout> {
  return baseLayout({
    xaxis: axis('x₁', { constrain: 'domain' }),
    yaxis: axis('x₂', { scaleanchor: 'x', scaleratio: 1 }),
    hovermode: 'closest',
    margin: { l: 44, r: 8, t: 8, b: 40 },
  });
}

/** "At t = +0.500: class 0 48.2% of the plane, class 1 51.8%; mean confidence 91.0%." */
export function boundarySummary(b: DecisionBoundary): string {
  const shares = b.shares.map((s, c) => `class ${c} ${formatPercent(s)}`).join(', ');
  const mean = b.confidence.reduce((a, v) => a + v, 0) / Math.max(b.confidence.length, 1);
  return `At t = ${formatT(b.t)}: ${shares} of the plane; mean confidence of the predicted class ${formatPercent(mean)}.`;
}
