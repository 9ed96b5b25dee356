/** The convexity map's heatmap (Li et al. 2018, Fig. 7) and its summary line. Pure. */
import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import { gridAxisTitles } from '../../components/plot/axis-titles';
import type { AxesInfo } from '../../domain/api';
import {
  ratioMatrix,
  type ConvexitySummary,
  type CurvatureMapValues,
} from '../../domain/curvature';
import { formatPercent } from '../../domain/format';

/** Colour scale of the ratio: 0 (convex) up to `zmax`; one shared top when maps are compared. */
export function ratioRange(maps: Pick<CurvatureMapValues, 'lambdaMin' | 'lambdaMax'>[]): number {
  const all = maps.flatMap((m) => ratioMatrix(m).flat()).filter(Number.isFinite);
  return all.length > 0 ? Math.max(...all, 1e-6) : 1;
}

/**
 * |λ_min/λ_max| over the plane as a heatmap, blue where the surface is convex and yellow where
 * the negative curvature is large (Li et al.'s colours), with λ_min and λ_max in the hover.
 */
export function curvatureTraces(map: CurvatureMapValues, zmax = ratioRange([map])): Data[] {
  const z = ratioMatrix(map);
  const text = map.lambdaMin.map((row, j) =>
    row.map((m, i) => `λ_min ${m.toPrecision(3)}, λ_max ${map.lambdaMax[j]![i]!.toPrecision(3)}`),
  );
  return [
    {
      type: 'heatmap',
      x: map.a,
      y: map.b,
      z,
      text,
      zmin: 0,
      zmax,
      zauto: false,
      colorscale: 'Viridis',
      colorbar: { title: { text: '|λ_min/λ_max|', side: 'right' }, thickness: 14 },
      hovertemplate: 'a %{x:.2f}<br>b %{y:.2f}<br>|λ_min/λ_max| %{z:.3f}<br>%{text}<extra></extra>',
    } as Data,
    {
      type: 'scatter',
      mode: 'markers',
      name: 'Trained weights (a = b = 0)',
      x: [0],
      y: [0],
      marker: { symbol: 'x', size: 12, color: '#fff', line: { color: COLORS.marker, width: 2 } },
      hovertemplate: 'trained weights<extra></extra>',
    },
  ];
}

export function curvatureLayout(axes: AxesInfo | undefined): Partial<Layout> {
  const [title1, title2] = gridAxisTitles(axes);
  return baseLayout({
    hovermode: 'closest',
    margin: { l: 56, r: 16, t: 8, b: 44 },
    showlegend: false,
    xaxis: axis(title1, { zeroline: false, constrain: 'domain' }),
    yaxis: axis(title2, { zeroline: false, scaleanchor: 'x', scaleratio: 1 }),
  });
}

/** "Non-convex (λ_min < −0.05·λ_max): 12 of 81 points (14.8%) · mean |λ_min/λ_max| 0.081". */
export function summaryText(s: ConvexitySummary): string {
  const share = `${s.negativeShare * s.points} of ${s.points} points (${formatPercent(s.negativeShare)})`;
  const text = `Non-convex (λ_min < −${s.epsilon}·λ_max): ${share} · mean |λ_min/λ_max| ${s.meanRatio.toFixed(3)}`;
  return s.unconverged > 0 ? `${text} · ${s.unconverged} not converged` : text;
}
