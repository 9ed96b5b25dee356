import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { SharpnessConfig } from '../domain/api';
import { tinyConfig, trainedApi } from './testing/trained-api';

const config = tinyConfig({ subset: 40, seed: 4 });

describe('λ_max with a cap on power iterations', () => {
  it('stops after the requested number of Hessian-vector products per power iteration', async () => {
    const { api, runId } = await trainedApi(config);
    const request: SharpnessConfig = {
      weights: { runId, which: 'final' },
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

describe('the trace with a set number of probes', () => {
  it('averages exactly the requested Hutchinson probes', async () => {
    const { api, runId } = await trainedApi(config);
    const request: SharpnessConfig = {
      weights: { runId, which: 'final' },
      samples: 20,
      seed: 1,
      rho: 0.05,
      adaptiveRho: 0.5,
      stages: ['trace'],
      traceProbes: 3,
    };
    const report = await api.sharpness(request, () => undefined);
    expect(report.trace?.samples).toBe(3);
    expect(Number.isFinite(report.trace?.trace)).toBe(true);
  });
});
