import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FlatlandWorkerApi, TrainConfig } from '../domain/api';
import { createWorkerApi } from './service';
import { syntheticLoader, tinyConfig, tinyLandscape } from './testing/trained-api';

const DIR = join(__dirname, '../../test/fixtures/layers-model');

/** A fixture's files as the file input hands them over (model.json and weights.bin). */
function files(name: string, only?: string[]): File[] {
  return ['model.json', 'weights.bin']
    .filter((f) => !only || only.includes(f))
    .map((f) => new File([readFileSync(join(DIR, name, f))], f));
}

/**
 * Node has no FileReader, which tf.io.browserFiles reads with (browsers and their workers do):
 * a stand-in over Blob's own readers, so the worker's real loading path runs here.
 */
class BlobReader {
  result: string | ArrayBuffer | null = null;
  onload: ((e: { target: BlobReader }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  readAsText(blob: Blob) {
    blob.text().then((t) => this.done(t), this.onerror);
  }
  readAsArrayBuffer(blob: Blob) {
    blob.arrayBuffer().then((b) => this.done(b), this.onerror);
  }
  private done(result: string | ArrayBuffer) {
    this.result = result;
    this.onload?.({ target: this });
  }
}
beforeAll(() => vi.stubGlobal('FileReader', BlobReader));
afterAll(() => vi.unstubAllGlobals());

// Placeholder training settings: an imported run took no step; dataset, subset, seed and
// evalSamples choose its samples.
const config: TrainConfig = tinyConfig({ dataset: 'mnist', subset: 60, seed: 3, evalSamples: 20 });

describe('importing a TF.js LayersModel as a run', () => {
  it('adds the saved MLP as a run without history whose landscape, θ(α) and sharpness work', async () => {
    const api = createWorkerApi(syntheticLoader(100, 20));
    const { run, notes } = await api.importModel({ files: files('mlp'), config });
    expect(notes).toEqual([]);
    expect(run).toMatchObject({ name: 'Imported model', checkpoints: 0, hasAverage: false });
    expect(run.config).toMatchObject({ model: 'custom', dataset: 'mnist', subset: 60 });
    expect(run.config.layers).toEqual([
      { type: 'flatten' },
      { type: 'dense', units: 16, bias: true },
      { type: 'relu' },
    ]);
    expect(run.config.flat?.labelNoise).toBe(0);
    expect(run.summary).toMatchObject({ status: 'finished', steps: 0, epochs: 0 });
    expect(Number.isFinite(run.summary.final!.testLoss)).toBe(true);

    await api.selectWeights({ runId: run.id, which: 'final' });
    const slice = await api.slice1d(tinyLandscape({ slicePoints: 5 }), () => undefined);
    expect(slice.trainLoss).toHaveLength(5);
    expect(slice.trainLoss.every(Number.isFinite)).toBe(true);
    // At t = 0 the slice is the imported weights: their loss on the same fixed samples.
    expect(slice.trainLoss[2]).toBeCloseTo(run.summary.final!.trainLoss, 4);

    const second = (await api.importModel({ files: files('mlp'), config })).run;
    expect(second.name).toBe('Imported model #2');
    const theta = await api.interpolate(
      { ...thetaBetween(run.id, second.id), evalSamples: 20 },
      () => undefined,
    );
    // The same weights twice: θ(α) is flat, the loss of the imported model everywhere.
    expect(new Set(theta.trainLoss.map((l) => l.toFixed(5))).size).toBe(1);
    await expect(
      api.interpolate(
        { ...thetaBetween(run.id, second.id), a: { runId: run.id, which: 'initial' } },
        () => undefined,
      ),
    ).rejects.toThrow(/imported model: it has no training history/);
    const sharp = await api.sharpness(
      {
        weights: { runId: run.id, which: 'final' },
        samples: 20,
        seed: 1,
        rho: 0.05,
        adaptiveRho: 2,
        stages: ['rhoSharpness'],
      },
      () => undefined,
    );
    expect(Number.isFinite(sharp.rhoSharpness!.sharpness)).toBe(true);
  });

  it('keeps no tensor of the LayersModel, and frees the run’s on delete', async () => {
    const api = createWorkerApi(syntheticLoader(100, 20));
    await api.loadDataset('mnist');
    const before = tf.memory().numTensors;
    const { run } = await api.importModel({ files: files('mlp'), config });
    // Two dense layers: kernel and bias each, nothing else.
    expect(tf.memory().numTensors - before).toBe(4);
    await api.deleteRun(run.id);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is saved and restored like a run: exported, then imported back without checkpoints', async () => {
    const api = createWorkerApi(syntheticLoader(100, 20));
    const { run, notes } = await api.importModel({ files: files('mnist-cnn'), config });
    expect(notes.join(' ')).toMatch(/softmax is left to the loss/);
    expect(run.config.layers?.map((l) => l.type)).toEqual([
      'conv2d',
      'batchnorm',
      'relu',
      'maxpool',
    ]);
    const saved = (await api.exportRun(run.id))!;
    expect(saved.weights.checkpoints).toEqual([]);
    // BatchNorm's moving statistics travel with it (2 channels: mean and variance).
    expect(saved.weights.state).toHaveLength(4);
    const other = createWorkerApi(syntheticLoader(100, 20));
    const back = await other.importRun({
      name: saved.info.name,
      config: saved.info.config,
      summary: saved.info.summary,
      events: saved.events,
      weights: saved.weights,
    });
    expect(back).toMatchObject({ checkpoints: 0, name: run.name });
    expect(back.config.layers).toEqual(run.config.layers);
    expect(back.summary.final).toEqual(run.summary.final);
  });

  it('is no run of its placeholder optimizer: a run trained next is plain "SGD"', async () => {
    const api = createWorkerApi(syntheticLoader(100, 20));
    await api.importModel({ files: files('mlp'), config });
    const summary = await api.train(config, () => undefined);
    const trained = (await api.listRuns()).find((r) => r.id === summary.runId);
    expect(trained?.name).toBe('SGD');
  });

  it('names the unsupported layers and keeps nothing', async () => {
    const api = createWorkerApi(syntheticLoader(100, 20));
    await api.loadDataset('mnist');
    const before = tf.memory().numTensors;
    await expect(api.importModel({ files: files('unsupported'), config })).rejects.toThrow(
      /Unsupported layers: strided_conv \(Conv2D: strides 2×2 \(stride 1 only\)\); sigmoid_head \(Dense: activation 'sigmoid'\)/,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(await api.listRuns()).toEqual([]);
  });

  it('refuses a model whose input is not the dataset’s, and missing weight files', async () => {
    const api = createWorkerApi(syntheticLoader(100, 20));
    await expect(api.importModel({ files: files('cnn'), config })).rejects.toThrow(
      /inputs of shape \[8, 8, 1\], but MNIST samples are \[28, 28, 1\]/,
    );
    await expect(api.importModel({ files: files('mlp', ['model.json']), config })).rejects.toThrow(
      /missing: weights\.bin/,
    );
    expect(await api.listRuns()).toEqual([]);
  });
});

function thetaBetween(a: string, b: string): Parameters<FlatlandWorkerApi['interpolate']>[0] {
  return {
    a: { runId: a, which: 'final' },
    b: { runId: b, which: 'final' },
    points: 3,
    from: 0,
    to: 1,
    evalSamples: 20,
    seed: 1,
  };
}
