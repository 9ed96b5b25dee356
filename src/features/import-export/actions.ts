/** What the Import control and the export buttons do, outside React. */
import type { MetricsBus } from '../../app/metrics-bus';
import { errorMessage } from '../../domain/format';
import Plotly from '../../components/plot/plotly-bundle';
import { readH5Surface, surfaceFromGrid, surfaceFromSlice, writeH5Surface } from '../../interop';
import type { PersistenceController } from '../../app/persistence/controller';
import { exportRuns, importRunFile, MAX_FILE_BYTES } from '../../app/persistence/files';
import { freshLandscape } from '../../store/results-slice';
import { curvesCsv, download, gridCsv, interpolationCsv, sliceCsv } from './csv';
import { surfaceResults } from './surface';

/** The plots that can be exported, by the title of their panel. */
export const EXPORTABLE = [
  'Training curves',
  '1D loss slice',
  '2D loss landscape',
  'Interpolation',
] as const;
export type ExportablePlot = (typeof EXPORTABLE)[number];

const fileName = (text: string) => text.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'run';

/** Downloads one run (or every run) as a `.flatland` file. */
export async function downloadRuns(
  ctrl: PersistenceController,
  run?: { id: string; name: string },
) {
  const bytes = await exportRuns(ctrl, run ? [run.id] : undefined);
  download(
    `${fileName(run?.name ?? 'flatland-workspace')}.flatland`,
    bytes,
    'application/octet-stream',
  );
}

/** Shows a surface from a `.h5` file read-only in the slice and landscape views. */
async function importSurface(
  ctrl: PersistenceController,
  bytes: Uint8Array,
  name: string,
): Promise<string> {
  const surface = await readH5Surface(bytes);
  const { slice, grid } = surfaceResults(surface);
  const { store } = ctrl.deps;
  // Not the weights of any run: nothing is explored, so probes and Explore badges stay off.
  store.setState({ explored: null, ...freshLandscape() });
  const s = store.getState();
  if (slice) s.setSlice(slice);
  if (grid) s.setGrid(grid);
  else s.setLandscapeStatus('done');
  s.setImportedSurface(name);
  return `Imported surface "${name}" (read-only) into the slice and landscape views.`;
}

/** Imports a run/workspace file or a `.h5` surface; the outcome goes to the store's message. */
export async function importFile(ctrl: PersistenceController, file: File): Promise<void> {
  const s = ctrl.deps.store.getState();
  try {
    // Refused before reading: a huge file would be copied into memory first.
    if (file.size > MAX_FILE_BYTES)
      throw new Error(`The file is larger than ${MAX_FILE_BYTES / 2 ** 20} MB.`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let text: string;
    if (/\.(h5|hdf5)$/i.test(file.name)) text = await importSurface(ctrl, bytes, file.name);
    else {
      const runs = await importRunFile(ctrl, bytes);
      text = `Imported ${runs.map((r) => r.name).join(', ')} from ${file.name}.`;
    }
    s.setImportMessage({ kind: 'ok', text });
  } catch (error) {
    s.setImportMessage({
      kind: 'error',
      text: `Could not import ${file.name}: ${errorMessage(error)}`,
    });
  }
}

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
 * The 1D slice or 2D landscape as an `.h5` file in Li et al.'s loss-landscape layout, so their
 * plotting scripts read it; false when that plot has no data yet.
 */
export async function downloadPlotH5(plot: ExportablePlot, ctrl: PersistenceController) {
  const { slice, grid } = ctrl.deps.store.getState().landscape;
  const surface =
    plot === '1D loss slice' && slice
      ? surfaceFromSlice(slice)
      : plot === '2D loss landscape' && grid
        ? surfaceFromGrid(grid)
        : null;
  if (!surface) return false;
  // A copy typed on a plain ArrayBuffer, which Blob requires.
  const bytes = new Uint8Array(await writeH5Surface(surface));
  download(`${fileName(plot)}.h5`, bytes, 'application/x-hdf5');
  return true;
}
