import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { SharpnessConfig } from '../domain/api';
import { tinyConfig, trainedApi } from './testing/trained-api';

const config = tinyConfig({ subset: 40, seed: 4 });

/** One run's final weights on 20 samples, seed 1, with the given stages and options. */
const request = (runId: string, more: Partial<SharpnessConfig>): SharpnessConfig => ({
  weights: { runId, which: 'final' },
  samples: 20,
  seed: 1,
  rho: 0.05,
  adaptiveRho: 0.5,
  ...more,
});

describe('λ_max with a cap on power iterations', () => {
  it('stops after the requested number of Hessian-vector products per power iteration', async () => {
    const { api, runId } = await trainedApi(config);
    const lambdaMax = (powerIterations: number) =>
      api.sharpness(request(runId, { stages: ['lambdaMax'], powerIterations }), () => undefined);
    const before = tf.memory().numTensors;
    const capped = await lambdaMax(2);
    const more = await lambdaMax(5);
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
    const report = await api.sharpness(
      request(runId, { stages: ['trace'], traceProbes: 3 }),
      () => undefined,
    );
    expect(report.trace?.samples).toBe(3);
    expect(Number.isFinite(report.trace?.trace)).toBe(true);
  });
});

describe('m-sharpness on the run’s own sample', () => {
  it('measures ⌊n/m⌋ disjoint sets, finite, without leaking', async () => {
    const { api, runId } = await trainedApi(config);
    const measure = (m: number) =>
      api.sharpness(request(runId, { stages: ['mSharpness'], m }), () => undefined);
    const before = tf.memory().numTensors;
    const r = await measure(6);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.mSharpness).toMatchObject({ m: 6, sets: 3, rho: 0.05 });
    expect(r.mSharpness!.perSet.every(Number.isFinite)).toBe(true);
    expect(r.mSharpness!.mean).toBeGreaterThanOrEqual(r.mSharpness!.firstOrderMean);
    expect(r.rhoSharpness).toBeNull();
    // One set of all 20 samples is the ρ-sharpness of the sample.
    const whole = await api.sharpness(
      request(runId, { stages: ['rhoSharpness', 'mSharpness'], m: 20 }),
      () => undefined,
    );
    expect(whole.mSharpness!.mean).toBeCloseTo(whole.rhoSharpness!.sharpness, 6);
    await expect(measure(21)).rejects.toThrow(/exceeds the 20 samples/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
