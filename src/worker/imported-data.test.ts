import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importedRef, type PickedFile } from '../domain/imported-data';
import { writeNpy } from '../data/import/testing/npy-write';
import { openImportedData } from './imported-data';
import { createWorkerApi } from './service';
import { DatasetCache } from './service-state';
import { syntheticLoader, tinyConfig, tinyLandscape } from './testing/trained-api';

const DIR = join(__dirname, '../../test/fixtures/import');
const file = (name: string): PickedFile => ({ name, bytes: readFileSync(join(DIR, name)) });
let dbs = 0;
/** A store in a database of its own: tests do not see each other's imports. */
const freshStore = () => openImportedData(`test-data-${++dbs}`);

/** The store's whole content: its list and every dataset read back. */
async function snapshot(store: ReturnType<typeof openImportedData>) {
  const list = await store.list();
  const data = await Promise.all(list.map((m) => store.load(m.id)));
  return JSON.stringify({ list, data: data.map((d) => d && [d.train.images, d.test.labels]) });
}

describe('imported datasets in IndexedDB', () => {
  it('stores a checked .npz, lists it and reads it back as the training loop takes it', async () => {
    const store = freshStore();
    const meta = await store.add([file('images.npz')]);
    expect(meta).toMatchObject({ name: 'images', input: [4, 4, 1], classes: 3, train: 12 });
    expect(meta).toMatchObject({ test: 5, scaled: true, bytes: 17 * 16 * 4 + 17 });
    expect(meta.id).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.list()).toEqual([meta]);
    const ds = (await store.load(meta.id))!;
    expect(ds.id).toBe('imported');
    expect(ds.classes).toHaveLength(3);
    expect(ds.train.shape).toEqual([4, 4, 1]);
    expect(ds.train.images).toBeInstanceOf(Float32Array);
    expect(ds.train.images.length).toBe(12 * 16);
    expect(await store.load('0'.repeat(64))).toBeNull();
  });

  it('gives the same data the same id (one entry), other data another; delete removes one', async () => {
    const store = freshStore();
    const a = await store.add([file('images.npz')]);
    const again = await store.add([file('images.npz')]);
    expect(again.id).toBe(a.id);
    const b = await store.add([file('x.npy'), file('y.npy')]);
    expect(b.id).not.toBe(a.id);
    expect(b.input).toEqual([1, 1, 3]);
    expect((await store.list()).map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    await store.remove(a.id);
    expect((await store.list()).map((m) => m.id)).toEqual([b.id]);
    expect(await store.load(a.id)).toBeNull();
  });

  it('changes nothing when a file is bad (fuzzed bytes, NaN, labels out of range)', async () => {
    const store = freshStore();
    await store.add([file('images.npz')]);
    const before = await snapshot(store);
    const csv = (text: string): PickedFile => ({ name: 'd.csv', bytes: Buffer.from(text) });
    const bad: PickedFile[][] = [
      [csv('a,b,label\n1,2,0\n3,NaN,1\n4,5,0\n6,7,1\n8,9,0\n')],
      [csv('a,label\n1,0\n2,1\n3,500\n4,0\n5,1\n')],
      [
        {
          name: 'x.npz',
          bytes: zipSync({ 'x.npy': writeNpy({ dtype: 'f4', shape: [2], data: [1, 2] }) }),
        },
      ],
      [file('x.npy')],
    ];
    for (const files of bad) await expect(store.add(files)).rejects.toThrow();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        await store.add([{ name: 'junk.npz', bytes }]).catch(() => undefined);
      }),
      { numRuns: 60, seed: 11 },
    );
    expect(await snapshot(store)).toBe(before);
  });
});

describe('training on imported data', () => {
  it('trains an MLP on N×D features and computes a 1D slice of it', async () => {
    const store = freshStore();
    const api = createWorkerApi(syntheticLoader(), store);
    const meta = await api.importData([file('x.npy'), file('y.npy')]);
    expect(await api.listImportedData()).toEqual([meta]);
    const config = tinyConfig({ dataset: 'imported', imported: importedRef(meta), model: 'mlp' });
    const info = await api.loadDataset('imported', undefined, importedRef(meta));
    expect(info).toMatchObject({ train: 8, test: 2 });
    const summary = await api.train({ ...config, subset: 0, batchSize: 4 }, () => undefined);
    expect(summary).toMatchObject({ status: 'finished', steps: 2 });
    expect(Number.isFinite(summary.final!.trainLoss)).toBe(true);
    const slice = await api.slice1d(tinyLandscape({ evalSamples: 10 }), () => undefined);
    expect([...slice.trainLoss, ...slice.testLoss].every(Number.isFinite)).toBe(true);
    expect(slice.t).toHaveLength(5);
  });

  it('trains a tiny CNN on H×W×C images, which keep their shape', async () => {
    const api = createWorkerApi(syntheticLoader(), freshStore());
    const meta = await api.importData([file('images.npz')]);
    // 4×4 images: a model that fits them (the tiny CNN's pooling would leave nothing).
    const layers = [
      { type: 'conv2d', filters: 2, kernel: 3, padding: 'same', bias: true },
    ] as const;
    const config = tinyConfig({
      dataset: 'imported',
      imported: importedRef(meta),
      model: 'custom',
      layers: [...layers],
      subset: 0,
      batchSize: 6,
    });
    const summary = await api.train(config, () => undefined);
    expect(summary).toMatchObject({ status: 'finished', steps: 2 });
  });

  it('says to import the data first when this browser does not hold it', async () => {
    const api = createWorkerApi(syntheticLoader(), freshStore());
    const ref = {
      id: 'a'.repeat(64),
      name: 'digits',
      input: [8, 8, 1] as [number, number, number],
      classes: 10,
      train: 100,
    };
    const config = tinyConfig({ dataset: 'imported', imported: ref, model: 'mlp' });
    await expect(api.train(config, () => undefined)).rejects.toThrow(/^Import digits first/);
    await expect(api.loadDataset('imported', undefined, ref)).rejects.toThrow(
      /Import digits first/,
    );
  });

  it('drops a deleted dataset from the cache: a later run cannot train on it', async () => {
    const store = freshStore();
    const meta = await store.add([file('images.npz')]);
    const cache = new DatasetCache(syntheticLoader(), (id) => store.load(id));
    const first = await cache.get('imported', undefined, importedRef(meta));
    expect(await cache.get('imported', undefined, importedRef(meta))).toBe(first);
    await store.remove(meta.id);
    cache.forget(meta.id);
    await expect(cache.get('imported', undefined, importedRef(meta))).rejects.toThrow(
      /Import images first/,
    );
  });
});
