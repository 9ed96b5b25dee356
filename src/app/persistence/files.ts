/** Export of runs to a Flatland file and import of such files, through the persistence controller. */
import type { RunInfo } from '../../domain/api';
import {
  decodeRunFile,
  encodeRunFile,
  MAX_FILE_BYTES,
  RunFileError,
} from '../../persistence/format';
import type { FullRun } from '../../persistence/types';
import type { PersistenceController } from './controller';
import { importRuns } from './restore';

// The Import control refuses a larger file before reading it into memory.
export { MAX_FILE_BYTES } from '../../persistence/format';

/** The runs (every one when `ids` is absent) with all their weights, read from the worker. */
export async function exportRuns(
  ctrl: PersistenceController,
  ids?: string[],
): Promise<Uint8Array<ArrayBuffer>> {
  const { engine, db, store } = ctrl.deps;
  const wanted = ids ?? store.getState().runs.map((r) => r.id);
  if (wanted.length === 0) throw new Error('There is no run to export.');
  const saved = await db.list().catch(() => []);
  const runs: FullRun[] = [];
  for (const id of wanted) {
    const run = await engine.exportRun(id, 0);
    if (!run || run.live) throw new Error(`Run ${id} is still training.`);
    const results = saved.find((r) => r.info.id === id)?.results ?? {};
    runs.push({ ...run, results, savedAt: Date.now() });
  }
  return encodeRunFile(runs, ids?.length === 1 ? 'run' : 'workspace');
}

/**
 * Checks the whole file first, then adds its runs: a corrupted or truncated file throws a
 * RunFileError and changes nothing.
 */
export async function importRunFile(
  ctrl: PersistenceController,
  bytes: Uint8Array,
): Promise<RunInfo[]> {
  if (bytes.length > MAX_FILE_BYTES)
    throw new RunFileError(`The file is larger than ${MAX_FILE_BYTES / 2 ** 20} MB.`);
  const { runs } = decodeRunFile(bytes);
  return importRuns(ctrl, runs);
}
