import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedRef, type ImportedDataRef, type PickedFile } from '../domain/imported-data';
import { decodeRunFile, encodeRunFile } from '../persistence/format';
import { toImport } from '../persistence/run-import';
import { parseTrainConfig } from '../persistence/train-config-schema';
import { DEFAULT_SETTINGS, parseSettings } from '../schema';
import { createFlatlandStore } from '../store';
import { openImportedData } from '../worker/imported-data';
import { createWorkerApi } from '../worker/service';
import { syntheticLoader, tinyConfig, tinyLandscape } from '../worker/testing/trained-api';
import { applyUrlConfig, currentSettings } from './settings-link';
import { parseUrlConfig, settingsQuery } from './url-config';

const DIR = join(__dirname, '../../test/fixtures/import');
const file = (name: string): PickedFile => ({ name, bytes: readFileSync(join(DIR, name)) });
const REF: ImportedDataRef = {
  id: 'c'.repeat(64),
  name: 'my digits',
  input: [8, 8, 1],
  classes: 10,
  train: 100,
};

describe('imported data in the settings', () => {
  it('needs the dataset it names; the batch fits its own training samples', () => {
    const without = parseSettings({ version: 3, train: { dataset: 'imported' } });
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.issues[0]!.path).toBe('train.dataset');
    const ok = parseSettings({ version: 3, train: { dataset: 'imported', imported: REF } });
    expect(ok.ok && ok.value.train.imported).toEqual(REF);
    const big = parseSettings({
      version: 3,
      train: { dataset: 'imported', imported: REF, batchSize: 128 },
    });
    expect(!big.ok && big.issues[0]).toMatchObject({
      path: 'train.batchSize',
      message: 'At most the training subset (100 samples)',
    });
    const badId = parseSettings({
      version: 3,
      train: { dataset: 'imported', imported: { ...REF, id: 'x' } },
    });
    expect(badId.ok).toBe(false);
  });

  it('travels in a link as JSON and comes back into the store unchanged', () => {
    const chosen = structuredClone(DEFAULT_SETTINGS);
    chosen.train = { ...chosen.train, dataset: 'imported', imported: REF, batchSize: 8 };
    const query = settingsQuery(chosen);
    expect(query).toContain('train.imported=');
    const url = parseUrlConfig(`?${query}`);
    expect(url.ignored).toEqual([]);
    const store = createFlatlandStore();
    applyUrlConfig(store, url);
    expect(currentSettings(store.getState(), url.backend).train).toEqual(chosen.train);
  });

  it('is dropped from the settings (and links) when another dataset is chosen', () => {
    const store = createFlatlandStore();
    store.getState().setTrain({ dataset: 'imported', imported: REF, batchSize: 8 });
    expect(store.getState().train.imported).toEqual(REF);
    store.getState().setTrain({ dataset: 'mnist' });
    expect(store.getState().train).not.toHaveProperty('imported');
    expect(settingsQuery(currentSettings(store.getState(), 'auto'))).not.toContain('imported');
  });

  it('a link naming imported data without its reference is refused with the reason', () => {
    const url = parseUrlConfig('?v=3&train.dataset=imported');
    expect(url.train.dataset).toBeUndefined();
    expect(url.ignored[0]).toMatchObject({ name: 'train.dataset', value: 'imported' });
    expect(url.ignored[0]!.reason).toMatch(/Imported data needs its dataset/);
  });

  it('is checked in run files and headless configs', () => {
    const config = tinyConfig({ dataset: 'imported', imported: REF, batchSize: 8, model: 'mlp' });
    expect(parseTrainConfig(config).imported).toEqual(REF);
    expect(() => parseTrainConfig({ ...config, imported: undefined })).toThrow(/imported/);
  });
});

describe('a run on imported data in a run file', () => {
  it('opens where the data is held, and says to import it first where it is not', async () => {
    const store = openImportedData('run-file-test');
    const api = createWorkerApi(syntheticLoader(), store);
    const meta = await api.importData([file('images.npz')]);
    const config = tinyConfig({
      dataset: 'imported',
      imported: importedRef(meta),
      model: 'mlp',
      subset: 0,
      batchSize: 6,
    });
    const summary = await api.train(config, () => undefined);
    const exported = await api.exportRun(summary.runId!);
    const bytes = encodeRunFile([{ ...exported!, results: {}, savedAt: 1 }], 'run');
    const [saved] = decodeRunFile(bytes).runs;
    expect(saved!.info.config.imported).toEqual(importedRef(meta));

    const elsewhere = createWorkerApi(syntheticLoader(), openImportedData('empty-browser'));
    await expect(elsewhere.importRun(toImport(saved!, undefined))).rejects.toThrow(
      /^Import images first/,
    );
    // The same browser (the data held): the run opens and its landscape is computed.
    const here = createWorkerApi(syntheticLoader(), store);
    const info = await here.importRun(toImport(saved!, undefined));
    await here.selectWeights({ runId: info.id, which: 'final' });
    const slice = await here.slice1d(tinyLandscape({ evalSamples: 5 }), () => undefined);
    expect(slice.trainLoss.every(Number.isFinite)).toBe(true);
  });
});
