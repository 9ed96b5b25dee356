/**
 * The files a person picks, to a dataset: one `.npz` (arrays x and y, optionally x_test and
 * y_test; x_train/y_train are read as x/y), `.npy` files named after those arrays, or one CSV
 * (features…, label).
 */
import { IMPORT_LIMITS, type PickedFile } from '../../domain/imported-data';
import { parseCsv } from './csv';
import { assembleDataset, type DatasetArrays, type ImportedDataset } from './dataset';
import { ImportError } from './errors';
import { parseNpy, type NpyArray } from './npy';
import { parseNpz } from './npz';

export type { PickedFile };

const ALIASES: Record<string, keyof DatasetArrays> = {
  x: 'x',
  y: 'y',
  x_train: 'x',
  y_train: 'y',
  x_test: 'xTest',
  y_test: 'yTest',
};

function byName(arrays: Map<string, NpyArray>, what: string): DatasetArrays {
  const out: Partial<DatasetArrays> = {};
  for (const [name, array] of arrays) {
    const key = ALIASES[name.toLowerCase()];
    if (!key) continue;
    if (out[key]) throw new ImportError(`${what} holds two arrays for ${key}`);
    out[key] = array;
  }
  if (!out.x || !out.y) {
    const names = [...arrays.keys()].join(', ') || 'none';
    throw new ImportError(`${what} needs arrays named x and y (it has: ${names})`);
  }
  return out as DatasetArrays;
}

const stem = (name: string) => name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
const ext = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** Reads the picked files into a checked dataset; throws {@link ImportError} on anything else. */
export function readDataFiles(files: PickedFile[], seed = 1): ImportedDataset {
  if (files.length === 0) throw new ImportError('no file was chosen');
  const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (bytes > IMPORT_LIMITS.fileBytes)
    throw new ImportError(`the files hold ${(bytes / 2 ** 20).toFixed(0)} MB, at most 256 MB`);
  const kinds = new Set(files.map((f) => ext(f.name)));
  if (kinds.size > 1) throw new ImportError('choose one .npz, .npy files, or one CSV, not a mix');
  const kind = [...kinds][0]!;
  const first = files[0]!;
  if (kind === 'csv') {
    if (files.length > 1) throw new ImportError('choose one CSV file');
    const text = new TextDecoder().decode(first.bytes);
    return assembleDataset(parseCsv(text, first.name), stem(first.name), seed);
  }
  if (kind === 'npz') {
    if (files.length > 1) throw new ImportError('choose one .npz file');
    return assembleDataset(
      byName(parseNpz(first.bytes, first.name), first.name),
      stem(first.name),
      seed,
    );
  }
  if (kind === 'npy') {
    const arrays = new Map(files.map((f) => [stem(f.name), parseNpy(f.bytes, f.name)]));
    return assembleDataset(byName(arrays, 'the .npy files'), 'npy arrays', seed);
  }
  throw new ImportError(`.${kind} files are not data this app reads (.npz, .npy or .csv)`);
}
