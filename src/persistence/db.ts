/**
 * Saved runs in IndexedDB (through idb-keyval): per run a small record `meta:<id>` (SavedRun) and
 * its weights `weights:<id>` (RunWeights of Float32Arrays, stored as they are, without JSON).
 */
import { createStore, delMany, entries, get, getMany, setMany } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';
import type { RunWeights } from '../domain/api';
import type { FullRun, SavedRun } from './types';

const metaKey = (id: string) => `meta:${id}`;
const weightsKey = (id: string) => `weights:${id}`;

/** The saved runs: a small record per run, its weights stored apart. */
export interface RunDb {
  /** Every saved run's small record, oldest saved first. */
  list(): Promise<SavedRun[]>;
  /** Saves the record and merges `weights` (checkpoints from `weights.checkpointsFrom` on). */
  save(run: SavedRun, weights: RunWeights | null): Promise<void>;
  updateMeta(id: string, change: (run: SavedRun) => SavedRun): Promise<void>;
  load(id: string): Promise<FullRun | null>;
  remove(id: string): Promise<void>;
  /** Bytes our records take: the weights' floats plus the records' JSON size (an estimate). */
  bytes(): Promise<number>;
}

/** Checkpoints before `from` are kept, the new ones appended; the rest is replaced. */
export function mergeWeights(old: RunWeights | undefined, next: RunWeights): RunWeights {
  const kept = old?.checkpoints.slice(0, next.checkpointsFrom) ?? [];
  if (kept.length !== next.checkpointsFrom)
    throw new Error(`Saved checkpoints stop at ${kept.length}, not ${next.checkpointsFrom}.`);
  return { ...next, checkpoints: [...kept, ...next.checkpoints], checkpointsFrom: 0 };
}

function weightBytes(w: RunWeights): number {
  const arrays = [...w.checkpoints, w.final, w.state, w.averaged?.params, w.averaged?.state];
  return arrays.reduce((n, a) => n + (a?.byteLength ?? 0), 0);
}

/** The saved runs in IndexedDB database `dbName` (tests use one of their own). */
export function openRunDb(dbName = 'flatland', storeName = 'runs'): RunDb {
  let store: UseStore | null = null;
  // Opened on first use: importing this module must not touch IndexedDB (tests, Node).
  const db = () => (store ??= createStore(dbName, storeName));
  return {
    async list() {
      const all = await entries<string, unknown>(db());
      return all
        .filter(([key]) => key.startsWith('meta:'))
        .map(([, value]) => value as SavedRun)
        .sort((a, b) => a.savedAt - b.savedAt);
    },
    async save(run, weights) {
      if (!weights) return setMany([[metaKey(run.info.id), run]], db());
      const old = await get<RunWeights>(weightsKey(run.info.id), db());
      const merged = mergeWeights(old, weights);
      // One transaction: a record never points at weights that were not written.
      await setMany(
        [
          [metaKey(run.info.id), run],
          [weightsKey(run.info.id), merged],
        ],
        db(),
      );
    },
    async updateMeta(id, change) {
      // The controller runs one operation at a time, so this read-then-write cannot interleave.
      const old = await get<SavedRun>(metaKey(id), db());
      if (old) await setMany([[metaKey(id), change(old)]], db());
    },
    async load(id) {
      const [meta, weights] = await getMany([metaKey(id), weightsKey(id)], db());
      if (!meta || !weights) return null;
      return { ...(meta as SavedRun), weights: weights as RunWeights };
    },
    remove: (id) => delMany([metaKey(id), weightsKey(id)], db()),
    async bytes() {
      const all = await entries<string, unknown>(db());
      return all.reduce(
        (n, [key, value]) =>
          n +
          (key.startsWith('weights:')
            ? weightBytes(value as RunWeights)
            : JSON.stringify(value).length),
        0,
      );
    },
  };
}
