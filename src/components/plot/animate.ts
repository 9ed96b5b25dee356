import type { Data, PlotlyHTMLElement } from 'plotly.js';
import Plotly from './plotly-bundle';

type GraphDiv = PlotlyHTMLElement & { _fullData?: unknown[] };

const ANIMATE_NOW = {
  mode: 'immediate',
  transition: { duration: 0 },
  frame: { duration: 0, redraw: false },
} as const;

/**
 * Replaces the data of a few traces by a frame of an instant animation: Plotly recomputes those
 * traces and redraws them alone, where a restyle or a React re-render of x/y replots the whole
 * figure (axes, legend, every trace). Does nothing before Plotly's first draw or after a purge,
 * when the traces do not exist yet.
 */
export function animateTraces(
  div: HTMLElement | null,
  data: Partial<Data>[],
  traces: number[],
): void {
  const gd = div as GraphDiv | null;
  if (!gd || (gd._fullData?.length ?? 0) <= Math.max(...traces)) return;
  void Plotly.animate(gd, { data, traces }, ANIMATE_NOW).catch(() => undefined);
}
