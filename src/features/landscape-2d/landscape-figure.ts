import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import type { AxesInfo, GridResult } from '../../domain/api';
import { gridAxisTitles } from '../../components/plot/axis-titles';
import { landscapeZ, type LandscapeSplit, type ZRange } from '../../components/plot/grid-z';

export type LandscapeView = 'contour' | 'heatmap' | 'surface';

export interface LandscapeOptions {
  view: LandscapeView;
  split: LandscapeSplit;
  log: boolean;
}

function colorbarTitle({ split, log }: LandscapeOptions): string {
  const name = split === 'train' ? 'Train loss' : 'Test loss';
  return log ? `log₁₀ ${name.toLowerCase()}` : name;
}

/** The trained weights, at the origin of the (a, b) plane. */
function originMarker(): Data {
  return {
    type: 'scatter',
    mode: 'markers',
    name: 'Trained weights (a = b = 0)',
    x: [0],
    y: [0],
    marker: { symbol: 'x', size: 12, color: '#fff', line: { color: COLORS.marker, width: 2 } },
    hovertemplate: 'trained weights<extra></extra>',
  };
}

/** Names of the trajectory's points: the initial weights, each epoch, the explored weights. */
export function pathLabels(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    i === 0 ? 'initial' : i === n - 1 ? 'explored weights' : `epoch ${i}`,
  );
}

/** The run's trajectory projected on the PCA plane (Li et al. 2018, Fig. 9), ending at 0. */
function pathTrace(path: { a: number[]; b: number[] }): Data {
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: 'Trajectory (projected)',
    x: path.a,
    y: path.b,
    text: pathLabels(path.a.length),
    line: { color: '#fff', width: 2 },
    marker: { color: COLORS.test, size: 7, line: { color: '#fff', width: 1 } },
    hovertemplate: '%{text}<br>a %{x:.3f}<br>b %{y:.3f}<extra></extra>',
  };
}

/**
 * The plot's traces. `range` fixes the colour scale (e.g. one shared by several runs, see
 * `sharedZRange`); without it Plotly scales to this grid's own values.
 */
export function landscapeTraces(
  grid: GridResult,
  options: LandscapeOptions,
  range?: ZRange | null,
): Data[] {
  const z = landscapeZ(grid, options.split, options.log);
  const colorbar = {
    title: { text: colorbarTitle(options), side: 'right' as const },
    thickness: 14,
  };
  const hovertemplate = 'a %{x:.2f}<br>b %{y:.2f}<br>%{z:.4f}<extra></extra>';
  const common = { x: grid.a, y: grid.b, z, colorscale: 'Viridis', colorbar, hovertemplate };
  const fixed = range ? { zmin: range.zmin, zmax: range.zmax, zauto: false } : {};
  if (options.view === 'surface') {
    return [
      {
        ...common,
        // Shorter than the plot so the mode bar above it does not cover the colour bar's top.
        colorbar: { ...colorbar, len: 0.8, y: 0.45 },
        type: 'surface',
        ...(range && { cmin: range.zmin, cmax: range.zmax, cauto: false }),
        contours: { z: { show: true, usecolormap: true, project: { z: true } } },
      } as Data,
    ];
  }
  const path = grid.axes?.path;
  const overlays = [...(path && path.a.length > 1 ? [pathTrace(path)] : []), originMarker()];
  if (options.view === 'heatmap') {
    return [{ ...common, ...fixed, type: 'heatmap', zsmooth: 'best' } as Data, ...overlays];
  }
  return [
    {
      ...common,
      ...fixed,
      type: 'contour',
      ncontours: 24,
      line: { width: 0.5, color: 'rgba(255,255,255,0.5)' },
    } as Data,
    ...overlays,
  ];
}

/** Axis titles come from the directions the worker used (PC1/PC2 with their variance, …). */
export function landscapeLayout(options: LandscapeOptions, axes?: AxesInfo): Partial<Layout> {
  const [title1, title2] = gridAxisTitles(axes);
  if (options.view === 'surface') {
    return baseLayout({
      margin: { l: 0, r: 0, t: 0, b: 0 },
      hovermode: 'closest',
      scene: {
        xaxis: { title: { text: title1 } },
        yaxis: { title: { text: title2 } },
        zaxis: { title: { text: colorbarTitle(options) } },
        camera: { eye: { x: 1.5, y: -1.5, z: 1.0 } },
        aspectmode: 'manual',
        aspectratio: { x: 1, y: 1, z: 0.7 },
      },
    } as Partial<Layout>);
  }
  return baseLayout({
    hovermode: 'closest',
    margin: { l: 56, r: 16, t: 8, b: 44 },
    showlegend: false,
    xaxis: axis(title1, { zeroline: false, constrain: 'domain' }),
    yaxis: axis(title2, { zeroline: false, scaleanchor: 'x', scaleratio: 1 }),
  });
}
