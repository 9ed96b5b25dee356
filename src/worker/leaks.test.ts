import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from './service';
import { syntheticDataset } from './testing/synthetic';
import { tinyConfig, tinyLandscape, trainedApi } from './testing/trained-api';

const config = tinyConfig({ subset: 100, model: 'mlp', epochs: 1, seed: 7 });

const landscape = tinyLandscape({ evalSamples: 20, seed: 3 });

// Built once for every API in this file: a thousand images, all of which the 500-step test uses.
const data = syntheticDataset(1000, 60);
const loader = async () => data;
const quiet = () => undefined;

describe('memory (CPU backend)', () => {
  it('keeps the tensor count flat over 500 training steps', async () => {
    const api = createWorkerApi(loader);
    const before = tf.memory().numTensors;
    const counts: Array<[number, number, number]> = [];
    const summary = await api.train(
      { ...config, subset: 1000, batchSize: 2, momentum: 0.9 },
      (events) => {
        const last = events.filter((e) => e.kind === 'step').at(-1);
        const m = tf.memory();
        if (last) counts.push([last.step, m.numTensors, m.numBytes]);
      },
    );
    expect(summary.steps).toBe(500);
    // After the first flushes (the divergence guard fills its two slots), nothing accumulates.
    const later = counts.filter(([step]) => step >= 100);
    expect(later.length).toBeGreaterThan(2);
    expect(new Set(later.map(([, n]) => n)).size).toBe(1);
    expect(new Set(later.map(([, , bytes]) => bytes)).size).toBe(1);
    await api.deleteRun(summary.runId!);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 8); // cached evaluation samples
  }, 180_000);

  it('keeps the tensor count flat over 10 landscape computations', async () => {
    const { api, summary } = await trainedApi(config, loader);
    const after: number[] = [];
    for (let i = 0; i < 10; i++) {
      await api.slice1d(landscape, quiet);
      await api.grid2d(landscape, quiet);
      await api.evaluateAt(0.25);
      after.push(tf.memory().numTensors);
    }
    expect(new Set(after).size).toBe(1);
    await api.deleteRun(summary.runId!);
  });
});

describe('concurrency at the worker API (CPU backend)', () => {
  it('refuses a second training while one runs, and a stopped run can be followed by another', async () => {
    const api = createWorkerApi(loader);
    const first = api.train(config, quiet);
    await expect(api.train(config, quiet)).rejects.toThrow(/already training/);
    await api.stop();
    const stopped = await first;
    expect(stopped.status).toBe('stopped');
    const next = await api.train(config, quiet);
    expect(next.status).toBe('finished');
    expect((await api.listRuns()).map((r) => r.id)).toEqual([stopped.runId, next.runId]);
  });

  it('computes a landscape of the old weights while a new run trains, then explores the new run', async () => {
    const { api, summary: one } = await trainedApi(config, loader);
    const oldSlice = await api.slice1d(landscape, quiet);
    const training = api.train({ ...config, seed: 8 }, quiet);
    const grid = await api.grid2d(landscape, quiet);
    const two = await training;
    expect(grid.trainLoss[1]![1]).toBeCloseTo(oldSlice.trainLoss[2]!, 4);
    const newSlice = await api.slice1d(landscape, quiet);
    expect(newSlice.trainLoss[2]).not.toBeCloseTo(oldSlice.trainLoss[2]!, 4);
    await api.deleteRun(one.runId!);
    await api.deleteRun(two.runId!);
  });

  it('cancels a grid at any time without leaking', async () => {
    const { api, summary: run } = await trainedApi(config, loader);
    await api.slice1d(landscape, quiet);
    const before = tf.memory().numTensors;
    const big = { ...landscape, gridSize: 9 };
    let rows = 0;
    const grid = api.grid2d(big, () => {
      rows += 1;
      if (rows === 2) void api.cancel();
    });
    await expect(grid).rejects.toThrow(/cancel/i);
    expect(tf.memory().numTensors).toBe(before);
    // The next job is not cancelled by the earlier request.
    expect((await api.grid2d(landscape, quiet)).trainLoss).toHaveLength(3);
    await api.deleteRun(run.runId!);
  });

  it('switching and deleting runs mid-computation waits for the job that reads them', async () => {
    const { api, summary: one } = await trainedApi(config, loader);
    const two = await api.train({ ...config, seed: 8 }, quiet);
    await api.selectWeights({ runId: one.runId!, which: 'final' });
    const before = tf.memory().numTensors;
    const grid = api.grid2d(landscape, quiet);
    const switched = api.selectWeights({ runId: two.runId!, which: 'final' });
    const deleted = api.deleteRun(one.runId!);
    const result = await grid;
    await Promise.all([switched, deleted]);
    expect(result.trainLoss.flat().every(Number.isFinite)).toBe(true);
    expect((await api.listRuns()).map((r) => r.id)).toEqual([two.runId]);
    expect(tf.memory().numTensors).toBeLessThan(before);
    await api.deleteRun(two.runId!);
  });
});
