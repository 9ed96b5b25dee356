/** The two figures of mode connectivity: loss along line and curve, and their plane. Pure. */
import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import type { ConnectPlane, ConnectResult } from '../../domain/api';
import { CURVE_NAMES } from '../../domain/api-connect';

/** The curve's colour: neither split's, so "curve" and "line" read apart from train and test. */
const CURVE_COLOR = '#16a34a';

/** Train (solid) and test (dotted) loss along the line (grey) and along the curve (green). */
export function pathTraces(r: ConnectResult): Data[] {
  const name = CURVE_NAMES[r.kind];
  const trace = (y: number[], label: string, color: string, dash: 'solid' | 'dot'): Data => ({
    x: r.t,
    y,
    name: label,
    type: 'scatter',
    mode: 'lines+markers',
    marker: { size: 4 },
    line: { color, dash, width: 2 },
  });
  return [
    trace(r.line.trainLoss, 'Line, train', COLORS.marker, 'solid'),
    trace(r.line.testLoss, 'Line, test', COLORS.marker, 'dot'),
    trace(r.curve.trainLoss, `${name}, train`, CURVE_COLOR, 'solid'),
    trace(r.curve.testLoss, `${name}, test`, CURVE_COLOR, 'dot'),
  ];
}

export function pathLayout(log: boolean): Partial<Layout> {
  return baseLayout({
    margin: { l: 56, r: 16, t: 24, b: 44 },
    xaxis: axis('t  (line: (1 − t)·w₁ + t·w₂; curve: φ_θ(t))', { range: [0, 1] }),
    yaxis: axis(log ? 'Loss (log scale)' : 'Loss', log ? { type: 'log' } : { rangemode: 'tozero' }),
  } as Partial<Layout>);
}

/** The path drawn over the plane, as a line with small markers at the evaluated t. */
function pathOver(p: { x: number[]; y: number[] }, name: string, color: string, dash: string) {
  return {
    x: p.x,
    y: p.y,
    name,
    type: 'scatter',
    mode: 'lines',
    line: { color, width: 2.5, dash },
    hoverinfo: 'name',
  } as Data;
}

/**
 * Train loss over the plane of w₁, w₂ and θ (log scale, as Garipov et al.'s Fig. 1, since the
 * loss spans orders of magnitude there), the line and the curve over it, and the three points.
 */
export function planeTraces(plane: ConnectPlane, kind: ConnectResult['kind']): Data[] {
  const z = plane.trainLoss.map((row) => row.map((v) => Math.log10(Math.max(v, 1e-12))));
  const points = [plane.w1, plane.bend, plane.w2];
  return [
    {
      x: plane.x,
      y: plane.y,
      z,
      type: 'contour',
      ncontours: 24,
      colorscale: 'Viridis',
      reversescale: true,
      colorbar: { title: { text: 'log₁₀ train loss', side: 'right' }, thickness: 12 },
      line: { width: 0.5, color: 'rgba(255,255,255,0.5)' },
      hovertemplate: 'x %{x:.3g}, y %{y:.3g}: log₁₀ loss %{z:.3f}<extra></extra>',
    } as Data,
    pathOver(plane.line, 'Line', '#ffffff', 'dash'),
    pathOver(plane.curve, CURVE_NAMES[kind], CURVE_COLOR, 'solid'),
    {
      x: points.map((p) => p[0]),
      y: points.map((p) => p[1]),
      text: ['w₁', 'θ (bend)', 'w₂'],
      name: 'w₁, θ, w₂',
      type: 'scatter',
      mode: 'text+markers',
      textposition: 'top center',
      textfont: { color: '#ffffff', size: 12 },
      marker: { color: '#ffffff', size: 9, line: { color: COLORS.marker, width: 1.5 } },
      hoverinfo: 'text',
    } as Data,
  ];
}

export function planeLayout(): Partial<Layout> {
  return baseLayout({
    hovermode: 'closest',
    margin: { l: 56, r: 16, t: 8, b: 44 },
    showlegend: true,
    xaxis: axis('along û = (w₂ − w₁)/‖w₂ − w₁‖', { zeroline: false, constrain: 'domain' }),
    yaxis: axis('along v̂ (θ − w₁, orthogonalised)', {
      zeroline: false,
      scaleanchor: 'x',
      scaleratio: 1,
    }),
  });
}
