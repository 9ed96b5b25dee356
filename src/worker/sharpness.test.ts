import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SharpnessConfig, TrainConfig } from './api';
import { createWorkerApi } from './service';
import { syntheticDataset } from './testing/synthetic';

const config: TrainConfig = {
  dataset: 'mnist',
  subset: 40,
  model: 'tiny-cnn',
  optimizer: 'sgd',
  lr: 0.1,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 20,
  epochs: 1,
  seed: 4,
  evalSamples: 20,
};

describe('λ_max with a cap on power iterations', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('stops after the requested number of Hessian-vector products per power iteration', async () => {
    const api = createWorkerApi(async () => syntheticDataset(100, 20));
    const { runId } = await api.train(config, () => undefined);
    const request: SharpnessConfig = {
      weights: { runId: runId!, which: 'final' },
      samples: 20,
      seed: 1,
      rho: 0.05,
      adaptiveRho: 0.5,
      stages: ['lambdaMax'],
    };
    const before = tf.memory().numTensors;
    const capped = await api.sharpness({ ...request, powerIterations: 2 }, () => undefined);
    const more = await api.sharpness({ ...request, powerIterations: 5 }, () => undefined);
    expect(tf.memory().numTensors).toBe(before);
    // Two per pass; a second, shifted pass runs when a negative eigenvalue dominates.
    expect([2, 4]).toContain(capped.lambdaMax!.iterations);
    expect(Number.isFinite(capped.lambdaMax!.value)).toBe(true);
    // The estimate does not settle to 1e-5 within two products, so a larger cap runs longer.
    expect([5, 10]).toContain(more.lambdaMax!.iterations);
    expect(capped.trace).toBeNull();
  });
});
