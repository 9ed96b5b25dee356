/**
 * What the Runs and Import/export panels do with files: runs to and from `.flatland` files and
 * loss surfaces to and from Li et al.'s `.h5` layout. The features reach interop and the saved
 * runs only through here (the layer table lets a feature import `app`, not `interop`), and the
 * Runs panel no longer takes its Export from the Import/export panel.
 */
import type { GridResult, SliceResult } from '../domain/api';
import { errorMessage } from '../domain/format';
import {
  readH5Surface,
  surfaceFromGrid,
  surfaceFromSlice,
  surfaceResults,
  writeH5Surface,
} from '../interop';
import { freshLandscape } from '../store/results-slice';
import type { PersistenceController } from './persistence/controller';
import { exportRuns, importRunFile, MAX_FILE_BYTES } from './persistence/files';

/** Saves data as a file through a temporary link (no server involved). */
export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a run's or a plot's name: word characters, dots and dashes. */
export const fileName = (text: string) =>
  text.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'run';

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

/**
 * A 1D slice or a 2D grid as an `.h5` file in Li et al.'s loss-landscape layout, so their
 * plotting scripts read it.
 */
export async function downloadSurfaceH5(
  name: string,
  data: { slice: SliceResult } | { grid: GridResult },
): Promise<void> {
  const surface = 'slice' in data ? surfaceFromSlice(data.slice) : surfaceFromGrid(data.grid);
  // A copy typed on a plain ArrayBuffer, which Blob requires.
  const bytes = new Uint8Array(await writeH5Surface(surface));
  download(`${fileName(name)}.h5`, bytes, 'application/x-hdf5');
}
