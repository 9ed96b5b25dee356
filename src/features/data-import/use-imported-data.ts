/**
 * The Import data panel's state: the imported datasets the worker holds, an import in progress
 * and its outcome. The worker reads, checks, hashes and stores the files; this thread only reads
 * their bytes (asynchronously) and hands them over, so a big file does not freeze the page.
 */
import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import {
  IMPORT_LIMITS,
  importedRef,
  type ImportedDataMeta,
  type PickedFile,
} from '../../domain/imported-data';
import { modelInputProblem } from '../../domain/toy-data';
import { flatlandStore } from '../../store';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Makes `meta` the training dataset. A built-in model that cannot take its samples (a CNN on
 * feature vectors) gives way to the MLP, which takes any shape; the note says so.
 */
function selectForTraining(meta: ImportedDataMeta): string {
  const { train, setTrain } = flatlandStore.getState();
  const data = { dataset: 'imported' as const, imported: importedRef(meta) };
  const misfit =
    train.model !== 'custom' && modelInputProblem({ model: train.model }, data) !== null;
  setTrain(misfit ? { ...data, model: 'mlp' } : data);
  return misfit
    ? `${meta.name} is the training dataset (model: MLP, which fits its shape).`
    : `${meta.name} is the training dataset.`;
}

/** Reads the picked files' bytes, refusing before reading when they exceed the stated limit. */
async function readPicked(files: File[]): Promise<PickedFile[]> {
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > IMPORT_LIMITS.fileBytes)
    throw new Error(`The files hold ${(total / 2 ** 20).toFixed(0)} MB, at most 256 MB`);
  return Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}

/** The list, the outcome of the last action, and the actions. */
export function useImportedData() {
  const { engine } = useServices();
  const [list, setList] = useState<ImportedDataMeta[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const refresh = useCallback(
    () => engine.listImportedData().then(setList, (e: unknown) => setError(messageOf(e))),
    [engine],
  );
  useEffect(() => void refresh(), [refresh]);
  const act = async (failed: string, work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      setNote(await work());
    } catch (e) {
      setError(`${failed}: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const importFiles = (files: File[]) =>
    act('Not imported', async () => {
      const meta = await engine.importData(await readPicked(files));
      await refresh();
      return `Imported ${meta.name}. ${selectForTraining(meta)}`;
    });
  const remove = (meta: ImportedDataMeta) =>
    act(`${meta.name} was not deleted`, async () => {
      await engine.deleteImportedData(meta.id);
      await refresh();
      return `Deleted ${meta.name}.`;
    });
  const choose = (meta: ImportedDataMeta) => setNote(selectForTraining(meta));
  return { list, busy, error, note, importFiles, remove, choose };
}
