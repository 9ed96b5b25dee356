/**
 * NumPy's `.npz` (numpy.savez / savez_compressed): a zip archive of `.npy` files, one per named
 * array. Unzipped with fflate, each member parsed by {@link parseNpy}.
 */
import { unzipSync } from 'fflate';
import { ImportError } from './errors';
import { parseNpy, type NpyArray } from './npy';

/** Most bytes an archive may unpack to (a guard against zip bombs; the limits are far below). */
const MAX_UNPACKED = 512 * 1024 * 1024;

/** The arrays of an `.npz` archive by name (`x.npy` → `x`). */
export function parseNpz(bytes: Uint8Array, what = 'the .npz file'): Map<string, NpyArray> {
  let files: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > MAX_UNPACKED) throw new ImportError(`${what} unpacks to over 512 MB`);
        return file.name.endsWith('.npy');
      },
    });
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`${what} is not a readable .npz (zip) archive`, { cause: err });
  }
  const arrays = new Map<string, NpyArray>();
  for (const [name, content] of Object.entries(files))
    arrays.set(name.replace(/\.npy$/, ''), parseNpy(content, `array '${name}' of ${what}`));
  if (arrays.size === 0) throw new ImportError(`${what} holds no .npy arrays`);
  return arrays;
}
