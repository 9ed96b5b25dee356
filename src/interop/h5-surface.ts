/**
 * Reads and writes loss surfaces as `.h5` files in the layout of Li et al.'s loss-landscape
 * code (`plot_surface.py`): datasets `xcoordinates`, optional `ycoordinates`, and any of
 * `train_loss`, `train_acc`, `test_loss`, `test_acc`. Works in the browser and in Node; h5wasm
 * (HDF5 compiled to WebAssembly, ~4 MB) is loaded on first use only.
 *
 * Orientation. Li et al. create a 2D dataset with shape (len(x), len(y)) but fill it through
 * `losses.ravel()[k]`, where point k has the coordinates `np.meshgrid(x, y)[·].ravel()[k]`;
 * meshgrid's default 'xy' indexing makes k = i·len(x) + j the point (x[j], y[i]). So the flat
 * data holds one run of len(x) values per y[i]: row i belongs to y[i], whatever the declared
 * shape says. Flatland's grids are rows indexed by b (d₂, the y axis) and columns by a (d₁, x):
 * the same flat order, so reading reshapes the flat data into len(y) rows of len(x) values and
 * writing flattens the rows, with no transposition either way.
 */
import type { File as H5File } from 'h5wasm';
import {
  checkSurface,
  H5_DATASETS,
  H5SurfaceError,
  presentMetrics,
  SURFACE_METRICS,
  type ImportedSurface,
  type SurfaceMetric,
} from './surface';

type H5wasm = typeof import('h5wasm').default;

type H5Fs = Awaited<H5wasm['ready']>['FS'];

let loading: Promise<{ h5: H5wasm; fs: H5Fs }> | null = null;

/** Loads h5wasm once; HDF5 errors become exceptions instead of text on the console. */
function loadH5() {
  loading ??= import('h5wasm').then(async ({ default: h5 }) => {
    const module = await h5.ready;
    module.activate_throwing_error_handler();
    return { h5, fs: module.FS };
  });
  return loading;
}

let fileCount = 0;
const scratchName = () => `/flatland-surface-${++fileCount}.h5`;

/** The HDF5 signature sits at byte 0, or at 512, 1024, … after a user block. */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function hasSignature(bytes: Uint8Array): boolean {
  for (let at = 0; at + SIGNATURE.length <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (SIGNATURE.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

/** The useful line of HDF5's error stack ("truncated file: eof = 1000, … stored_eof = 6256"). */
function hdf5Reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').map((l) => l.trim());
  const detail = lines.filter((l) => /^#\d+:/.test(l)).at(-1);
  return detail?.replace(/^#\d+:.*? in [\w]+\(\): /, '') ?? (lines[0] || 'unknown error');
}

interface NumericData {
  shape: number[];
  flat: number[];
}

/** A numeric dataset as plain numbers, undefined when absent. */
function readNumeric(file: H5File, name: string): NumericData | undefined {
  if (!file.keys().includes(name)) return undefined;
  const entity = file.get(name);
  if (!entity || !('shape' in entity) || !('value' in entity)) {
    throw new H5SurfaceError(`'${name}' is not a dataset`);
  }
  const value = entity.value;
  if (!ArrayBuffer.isView(value) || value instanceof DataView) {
    throw new H5SurfaceError(
      `'${name}' is not numeric (HDF5 type ${JSON.stringify(entity.dtype)})`,
    );
  }
  const flat = Array.from(value as ArrayLike<number | bigint>, Number);
  return { shape: entity.shape ?? [], flat };
}

const shapeText = (shape: number[]) => (shape.length === 0 ? 'a scalar' : shape.join(' × '));

function readCoordinates(file: H5File, name: string): number[] | undefined {
  const data = readNumeric(file, name);
  if (!data) return undefined;
  if (data.shape.length !== 1) {
    throw new H5SurfaceError(`'${name}' must be one-dimensional, not ${shapeText(data.shape)}`);
  }
  return data.flat;
}

/** Rows of len(x) values, one per y[i] (see the module comment for why). */
function toRows(name: string, data: NumericData, nx: number, ny: number): number[][] {
  const [d0, d1] = data.shape;
  const fits = data.shape.length === 2 && ((d0 === nx && d1 === ny) || (d0 === ny && d1 === nx));
  if (!fits) {
    throw new H5SurfaceError(
      `'${name}' has shape ${shapeText(data.shape)}, expected ${nx} × ${ny} (len(xcoordinates) × len(ycoordinates))`,
    );
  }
  return Array.from({ length: ny }, (_, i) => data.flat.slice(i * nx, (i + 1) * nx));
}

const toFraction = (metric: SurfaceMetric, v: number) => (metric.endsWith('Acc') ? v / 100 : v);

function readSurface(file: H5File): ImportedSurface {
  const x = readCoordinates(file, 'xcoordinates');
  if (!x) throw new H5SurfaceError("missing dataset 'xcoordinates'");
  const y = readCoordinates(file, 'ycoordinates');
  const surface: ImportedSurface = y
    ? { kind: '2d', x, y, values: {} }
    : { kind: '1d', x, values: {} };
  for (const metric of SURFACE_METRICS) {
    const name = H5_DATASETS[metric];
    const data = readNumeric(file, name);
    if (!data) continue;
    data.flat = data.flat.map((v) => toFraction(metric, v));
    if (surface.kind === '2d') {
      surface.values[metric] = toRows(name, data, x.length, surface.y.length);
    } else if (data.shape.length === 1) {
      surface.values[metric] = data.flat;
    } else {
      throw new H5SurfaceError(
        `'${name}' has shape ${shapeText(data.shape)} but there is no 'ycoordinates' for a 2D surface`,
      );
    }
  }
  checkSurface(surface);
  return surface;
}

/**
 * Reads a surface file. Throws an `H5SurfaceError` with a message for the user when the bytes
 * are not an HDF5 file, are truncated or corrupt, or do not hold a surface in this layout.
 */
export async function readH5Surface(bytes: Uint8Array): Promise<ImportedSurface> {
  if (!hasSignature(bytes)) {
    throw new H5SurfaceError('not an HDF5 file (no HDF5 signature); expected a .h5 surface file');
  }
  const { h5, fs } = await loadH5();
  const path = scratchName();
  fs.writeFile(path, bytes);
  let file: H5File | null = null;
  try {
    file = new h5.File(path, 'r');
    return readSurface(file);
  } catch (error) {
    if (error instanceof H5SurfaceError) throw error;
    throw new H5SurfaceError(
      `cannot read the HDF5 file (truncated or corrupt?): ${hdf5Reason(error)}`,
    );
  } finally {
    try {
      file?.close();
    } finally {
      fs.unlink(path);
    }
  }
}

/** The metric's values in the file's flat order, accuracies back in percent. */
function flatValues(surface: ImportedSurface, metric: SurfaceMetric): Float64Array {
  const values = surface.values[metric]!;
  const flat = surface.kind === '2d' ? (values as number[][]).flat() : (values as number[]);
  const scale = metric.endsWith('Acc') ? 100 : 1;
  return Float64Array.from(flat, (v) => v * scale);
}

/**
 * Writes a surface as Li et al.'s code would: float64 datasets, 2D ones declared (len(x),
 * len(y)) and filled in meshgrid order, accuracies in percent. Throws an `H5SurfaceError` for an
 * incomplete or inconsistent surface.
 */
export async function writeH5Surface(surface: ImportedSurface): Promise<Uint8Array> {
  checkSurface(surface);
  const { h5, fs } = await loadH5();
  const path = scratchName();
  const file = new h5.File(path, 'w');
  try {
    file.create_dataset({ name: 'xcoordinates', data: Float64Array.from(surface.x) });
    if (surface.kind === '2d') {
      file.create_dataset({ name: 'ycoordinates', data: Float64Array.from(surface.y) });
    }
    const shape = surface.kind === '2d' ? [surface.x.length, surface.y.length] : [surface.x.length];
    for (const metric of presentMetrics(surface)) {
      file.create_dataset({ name: H5_DATASETS[metric], data: flatValues(surface, metric), shape });
    }
  } finally {
    file.close();
  }
  try {
    // A copy: the file system's buffer is reused by the next file.
    return new Uint8Array(fs.readFile(path));
  } finally {
    fs.unlink(path);
  }
}
