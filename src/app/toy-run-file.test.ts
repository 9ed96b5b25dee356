import { describe, expect, it } from 'vitest';
import { decodeRunFile, encodeRunFile } from '../persistence/format';
import { toImport } from '../persistence/run-import';
import { createWorkerApi } from '../worker/service';
import { tinyConfig, trainedApi } from '../worker/testing/trained-api';

const toy = { trainSize: 90, testSize: 30, noise: 0.2, classes: 3, seed: 8 };
const run = tinyConfig({ dataset: 'blobs', model: 'mlp', subset: 0, batchSize: 30, seed: 2, toy });

describe('a toy run in a run file', () => {
  it('survives a run file: the toy settings travel with it and regenerate the same points', async () => {
    const { api, runId } = await trainedApi(run);
    const before = await api.decisionBoundary(0, 12);
    const exported = await api.exportRun(runId);
    const bytes = encodeRunFile([{ ...exported!, results: {}, savedAt: 1 }], 'run');
    const [saved] = decodeRunFile(bytes).runs;
    expect(saved!.info.config.toy).toEqual(toy);
    const fresh = createWorkerApi(async () => {
      throw new Error('a toy run loads no images');
    });
    const info = await fresh.importRun(toImport(saved!, undefined));
    await fresh.selectWeights({ runId: info.id, which: 'final' });
    expect(await fresh.decisionBoundary(0, 12)).toEqual(before);
  });
});
