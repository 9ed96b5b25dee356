/**
 * Imported datasets in IndexedDB (through idb-keyval), kept by the worker that trains on them:
 * `meta:<id>` (what the list shows) and `data:<id>` (the float32 arrays, stored as they are).
 * A file is checked whole (`data/import`) before anything is written, so a bad file changes
 * nothing; a dataset and its record are written in one transaction.
 */
import { createStore, delMany, get, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import type { Dataset } from '../data/load';
import { readDataFiles } from '../data/import/files';
import type { ImportedDataset } from '../data/import/dataset';
import type { DataImportApi } from '../domain/api-data-import';
import type { ImportedDataMeta, PickedFile } from '../domain/imported-data';

interface Stored {
  input: [number, number, number];
  classes: number;
  train: { x: Float32Array; y: Uint8Array; count: number };
  test: { x: Float32Array; y: Uint8Array; count: number };
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * SHA-256 (hex) of the dataset's shape, class count, split sizes and arrays: its id, so the same
 * data imported twice is one dataset, and a link names the data itself rather than a file name.
 */
export async function contentId(d: ImportedDataset): Promise<string> {
  const head = new TextEncoder().encode(
    JSON.stringify([d.input, d.classes, d.train.count, d.test.count]),
  );
  const parts = [head, ...[d.train.x, d.train.y, d.test.x, d.test.y].map(bytesOf)];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The imported datasets of this browser. */
export interface ImportedDataStore {
  /** Reads, checks and stores the files; throws ImportError (and stores nothing) on a bad file. */
  add(files: PickedFile[], seed?: number): Promise<ImportedDataMeta>;
  list(): Promise<ImportedDataMeta[]>;
  /** The dataset as the training loop takes it, or null when it is not stored. */
  load(id: string): Promise<Dataset | null>;
  remove(id: string): Promise<void>;
}

const storedBytes = (d: Stored) =>
  d.train.x.byteLength + d.train.y.byteLength + d.test.x.byteLength + d.test.y.byteLength;

/** The training loop's dataset of stored arrays: float32 samples that keep their [H, W, C]. */
function asDataset(meta: ImportedDataMeta, data: Stored): Dataset {
  const split = (s: Stored['train']) => ({
    images: s.x,
    labels: s.y,
    count: s.count,
    shape: [...data.input] as [number, number, number],
  });
  return {
    id: 'imported',
    name: meta.name,
    classes: Array.from({ length: data.classes }, (_, c) => `class ${c}`),
    imageShape: data.input,
    train: split(data.train),
    test: split(data.test),
  };
}

async function metaOf(d: ImportedDataset, stored: Stored): Promise<ImportedDataMeta> {
  return {
    id: await contentId(d),
    name: d.name,
    input: d.input,
    classes: d.classes,
    train: d.train.count,
    test: d.test.count,
    testFrom: d.testFrom,
    scaled: d.scaled,
    bytes: storedBytes(stored),
    savedAt: Date.now(),
  };
}

/** The imported datasets in IndexedDB database `dbName` (tests use one of their own). */
export function openImportedData(
  dbName = 'flatland-data',
  storeName = 'datasets',
): ImportedDataStore {
  let store: UseStore | null = null;
  // Opened on first use: creating the worker must not touch IndexedDB.
  const db = () => (store ??= createStore(dbName, storeName));
  return {
    async add(files, seed = 1) {
      const d = readDataFiles(files, seed);
      const stored: Stored = { input: d.input, classes: d.classes, train: d.train, test: d.test };
      const meta = await metaOf(d, stored);
      await setMany(
        [
          [`meta:${meta.id}`, meta],
          [`data:${meta.id}`, stored],
        ],
        db(),
      );
      return meta;
    },
    async list() {
      // Keys first: reading every entry would read every dataset's arrays too.
      const metaKeys = (await keys<string>(db())).filter((key) => key.startsWith('meta:'));
      const metas = await getMany<ImportedDataMeta | undefined>(metaKeys, db());
      // A record deleted between the two reads is left out.
      return metas.filter((m) => m !== undefined).sort((a, b) => a.savedAt - b.savedAt);
    },
    async load(id) {
      const [meta, data] = await Promise.all([
        get<ImportedDataMeta>(`meta:${id}`, db()),
        get<Stored>(`data:${id}`, db()),
      ]);
      return meta && data ? asDataset(meta, data) : null;
    },
    remove: (id) => delMany([`meta:${id}`, `data:${id}`], db()),
  };
}

/**
 * The worker's data-import methods over `store`; `forget` drops a deleted dataset from the
 * worker's dataset cache. An ImportError's message is what the panel shows.
 */
export function dataImportMethods(
  store: ImportedDataStore,
  forget: (id: string) => void,
): DataImportApi {
  return {
    importData: (files) => store.add(files),
    listImportedData: () => store.list(),
    async deleteImportedData(id) {
      await store.remove(id);
      forget(id);
    },
  };
}
