/** Plotly figures of the side-by-side panel: one contour per run, and the slices overlaid. */
import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import { landscapeZ, sharedZRange } from '../../components/plot/grid-z';
import type { RunLandscapeOutcome } from './state';

export interface SideOptions {
  split: 'train' | 'test';
  log: boolean;
}

/**
 * The range every contour uses, so equal colours mean equal loss across runs: the same union of
 * drawn values as the landscape panel's shared scale (already log10 when asked).
 */
export function colourRange(results: RunLandscapeOutcome[], o: SideOptions) {
  const range = sharedZRange(
    results.map((r) => r.grid),
    o.split,
    o.log,
  );
  return range ? { min: range.zmin, max: range.zmax } : null;
}

/** Axis ranges covering every run's grid (they match: one config, one range). */
export function axisRange(results: RunLandscapeOutcome[]): [number, number] {
  const values = results.flatMap((r) => [...r.grid.a, ...r.grid.b]);
  return values.length ? [Math.min(...values), Math.max(...values)] : [-1, 1];
}

export function contourTraces(
  outcome: RunLandscapeOutcome,
  range: { min: number; max: number } | null,
  o: SideOptions,
  showScale: boolean,
): Data[] {
  const title = `${o.log ? 'log₁₀ ' : ''}${o.split} loss`;
  return [
    {
      type: 'contour',
      x: outcome.grid.a,
      y: outcome.grid.b,
      z: landscapeZ(outcome.grid, o.split, o.log),
      colorscale: 'Viridis',
      ...(range ? { zmin: range.min, zmax: range.max, zauto: false } : {}),
      // Equal contour levels in every plot, not 24 levels of each run's own range.
      ...(range
        ? {
            autocontour: false,
            contours: { start: range.min, end: range.max, size: (range.max - range.min) / 20 || 1 },
          }
        : { ncontours: 20 }),
      showscale: showScale,
      colorbar: { title: { text: title, side: 'right' }, thickness: 12 },
      line: { width: 0.5, color: 'rgba(255,255,255,0.5)' },
      hovertemplate: 'a %{x:.2f}<br>b %{y:.2f}<br>%{z:.4f}<extra></extra>',
    } as Data,
    {
      type: 'scatter',
      mode: 'markers',
      x: [0],
      y: [0],
      marker: { symbol: 'x', size: 10, color: '#fff', line: { color: COLORS.marker, width: 2 } },
      hovertemplate: `${outcome.run.name} solution<extra></extra>`,
    },
  ];
}

export function contourLayout(range: [number, number], title: string): Partial<Layout> {
  return baseLayout({
    hovermode: 'closest',
    showlegend: false,
    margin: { l: 44, r: 8, t: 28, b: 40 },
    title: { text: title, font: { size: 13 } },
    xaxis: axis('a (d₁)', { range, zeroline: false, constrain: 'domain' }),
    yaxis: axis('b (d₂)', { range, zeroline: false, scaleanchor: 'x', scaleratio: 1 }),
  });
}

/** Train loss (solid) and test loss (dashed) of every run along the shared d₁. */
export function overlayTraces(results: RunLandscapeOutcome[]): Data[] {
  return results.flatMap(({ run, slice }) => [
    {
      type: 'scatter',
      mode: 'lines',
      name: `${run.name} train`,
      x: slice.t,
      y: slice.trainLoss,
      line: { color: run.color, width: 2.5 },
      hovertemplate: '%{y:.4f}',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: `${run.name} test`,
      x: slice.t,
      y: slice.testLoss,
      line: { color: run.color, width: 1.5, dash: 'dash' },
      hovertemplate: '%{y:.4f}',
    },
  ]);
}

export function overlayLayout(): Partial<Layout> {
  return baseLayout({
    xaxis: axis('Perturbation t along the shared d₁', { zeroline: false }),
    yaxis: axis('Loss', { rangemode: 'tozero' }),
  });
}
