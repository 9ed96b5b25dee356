import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { isCancelledError } from '../domain/cancel';
import { convexitySummary, type CurvatureJob } from '../domain/curvature';
import type { Progress } from '../domain/api';
import { tinyLandscape, trainedApi } from './testing/trained-api';

/** A 3×3 map over [−0.5, 0.5]² with at most `maxIter` products per point. */
const job = (runId: string, normalization: 'filter' | 'layer', maxIter = 4): CurvatureJob => ({
  ref: { runId, which: 'final' },
  config: tinyLandscape({ gridRange: 0.5, seed: 1, directions: { normalization } }),
  settings: { gridSize: 3, maxIter, tol: 1e-3 },
});

describe('the convexity map through the worker API', () => {
  it('maps finite extremes on the landscape plane, the same at the centre for any directions', async () => {
    const { api, runId } = await trainedApi({ seed: 4, model: 'mlp' });
    const progress: Progress[] = [];
    const one = await api.curvatureMap(job(runId, 'filter'), (p) => progress.push(p));
    // The evaluation samples are cached by the first job; nothing else may stay behind.
    const before = tf.memory().numTensors;
    const other = await api.curvatureMap(job(runId, 'layer'), () => undefined);
    expect(tf.memory().numTensors).toBe(before);
    expect(one.a).toEqual([-0.5, 0, 0.5]);
    expect(one.b).toEqual(one.a);
    expect(one.samples).toBe(20);
    expect(one.axes.label1).toContain('random direction');
    for (const row of [...one.lambdaMin, ...one.lambdaMax]) {
      expect(row.every(Number.isFinite)).toBe(true);
    }
    expect(one.lambdaMax[1]![1]!).toBeGreaterThan(one.lambdaMin[1]![1]!);
    // The centre is the weights themselves (and the Lanczos start is seeded alike); elsewhere
    // the directions, normalised otherwise, move the point.
    expect(other.lambdaMax[1]![1]).toBe(one.lambdaMax[1]![1]!);
    expect(other.lambdaMin[1]![1]).toBe(one.lambdaMin[1]![1]!);
    expect(other.lambdaMax[0]![0]).not.toBeCloseTo(one.lambdaMax[0]![0]!, 4);
    expect(progress.at(-1)).toEqual({ done: 9 * 4, total: 9 * 4 });
    const s = convexitySummary(one);
    expect(s.points).toBe(9);
    expect(Number.isFinite(s.meanRatio)).toBe(true);
  });

  it('cancel() stops it with a CancelledError and leaks nothing', async () => {
    const { api, runId } = await trainedApi({ seed: 4, model: 'mlp' });
    await api.curvatureMap(
      { ...job(runId, 'filter'), settings: { gridSize: 1, maxIter: 1, tol: 1 } },
      () => undefined,
    );
    const before = tf.memory().numTensors;
    let reports = 0;
    const run = api.curvatureMap(job(runId, 'filter', 8), () => {
      if (++reports === 3) void api.cancel();
    });
    const error: unknown = await run.catch((e: unknown) => e);
    expect(isCancelledError(error)).toBe(true);
    expect(reports).toBeLessThan(9 * 8);
    expect(tf.memory().numTensors).toBe(before);
  });
});
