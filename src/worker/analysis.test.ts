import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfig } from './api';
import { createWorkerApi } from './service';
import { syntheticDataset } from './testing/synthetic';

const config: TrainConfig = {
  dataset: 'mnist',
  subset: 100,
  model: 'tiny-cnn',
  optimizer: 'sgd',
  lr: 0.1,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 20,
  epochs: 1,
  seed: 2,
  evalSamples: 40,
};

describe('sharpness and cancellation through the worker API', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('measures ρ-sharpness, adaptive and average-case sharpness and λ_max of a run', async () => {
    const api = createWorkerApi(async () => syntheticDataset(200, 40));
    const { runId } = await api.train(config, () => undefined);
    const stages: string[] = [];
    const before = tf.memory().numTensors;
    const r = await api.sharpness(
      {
        weights: { runId: runId!, which: 'final' },
        samples: 32,
        seed: 1,
        rho: 0.05,
        adaptiveRho: 0.5,
        stages: ['lambdaMax', 'rhoSharpness', 'averageSharpness'],
      },
      (p) => stages.push(p.stage),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(new Set(stages)).toEqual(new Set(['lambdaMax', 'rhoSharpness', 'averageSharpness']));
    expect(r.lambdaMax!.value).toBeGreaterThan(0);
    // Worst case over the ball is at least the average over its sphere, and at least SAM's estimate.
    expect(r.rhoSharpness!.sharpness).toBeGreaterThanOrEqual(r.averageSharpness!.mean);
    expect(r.rhoSharpness!.sharpness).toBeGreaterThanOrEqual(
      r.rhoSharpness!.firstOrderSharpness - 1e-7,
    );
    expect(r.trace).toBeNull();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('cancel() stops a running grid with a CancelledError and leaks nothing', async () => {
    const api = createWorkerApi(async () => syntheticDataset(200, 40));
    await api.train(config, () => undefined);
    const landscape = {
      slicePoints: 5,
      sliceRange: 1,
      gridSize: 6,
      gridRange: 1,
      evalSamples: 40,
      seed: 1,
    };
    await api.slice1d(landscape, () => undefined);
    const before = tf.memory().numTensors;
    let rows = 0;
    const grid = api.grid2d(landscape, () => {
      rows += 1;
      if (rows === 2) void api.cancel();
    });
    await expect(grid).rejects.toMatchObject({ name: 'CancelledError' });
    expect(rows).toBeLessThan(6);
    expect(tf.memory().numTensors).toBe(before);
    // The next job starts uncancelled.
    const g = await api.grid2d({ ...landscape, gridSize: 2 }, () => undefined);
    expect(g.trainLoss.flat().every(Number.isFinite)).toBe(true);
  });
});
