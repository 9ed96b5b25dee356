/** What the plot export buttons do, outside React (files of runs: app/run-files.ts). */
import type { MetricsBus } from '../../app/metrics-bus';
import type { PersistenceController } from '../../app/persistence/controller';
import { downloadSurfaceH5, fileName } from '../../app/run-files';
import Plotly from '../../components/plot/plotly-bundle';
import { curvesCsv, gridCsv, interpolationCsv, sliceCsv } from './csv';

/** The plots that can be exported, by the title of their panel. */
export const EXPORTABLE = [
  'Training curves',
  '1D loss slice',
  '2D loss landscape',
  'Interpolation',
] as const;
export type ExportablePlot = (typeof EXPORTABLE)[number];

/** CSV of a plot's data, or null when it has none yet. */
export function plotCsv(plot: ExportablePlot, ctrl: PersistenceController, bus: MetricsBus) {
  const s = ctrl.deps.store.getState();
  if (plot === 'Training curves')
    return bus.history().series.length ? curvesCsv(bus.history()) : null;
  if (plot === '1D loss slice') return s.landscape.slice && sliceCsv(s.landscape.slice);
  if (plot === '2D loss landscape') return s.landscape.grid && gridCsv(s.landscape.grid);
  const outcome = s.analysis.interpolation.outcome;
  return outcome && interpolationCsv(outcome.result);
}

/** The Plotly graph inside the panel titled `plot`. */
function graphOf(plot: ExportablePlot): HTMLElement | null {
  for (const region of document.querySelectorAll<HTMLElement>('[role="region"]')) {
    const heading = region.querySelector('h2');
    if (heading?.textContent === plot) return region.querySelector('.js-plotly-plot');
  }
  return null;
}

/** PNG or SVG through Plotly's own image export; false when the plot is not drawn. */
export async function downloadPlotImage(plot: ExportablePlot, format: 'png' | 'svg') {
  const graph = graphOf(plot);
  if (!graph) return false;
  await Plotly.downloadImage(graph, { format, filename: fileName(plot), width: 900, height: 600 });
  return true;
}

/**
 * The 1D slice or 2D landscape as an `.h5` file in Li et al.'s layout (other plots have no such
 * format); false when that plot has no data yet.
 */
export async function downloadPlotH5(plot: ExportablePlot, ctrl: PersistenceController) {
  const { slice, grid } = ctrl.deps.store.getState().landscape;
  const data =
    plot === '1D loss slice' && slice
      ? { slice }
      : plot === '2D loss landscape' && grid
        ? { grid }
        : null;
  if (!data) return false;
  await downloadSurfaceH5(plot, data);
  return true;
}
