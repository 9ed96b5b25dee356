import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { GridResult, Progress } from '../domain/api';
import { tinyConfig, tinyLandscape, trainedApi } from './testing/trained-api';

const config = tinyConfig({ seed: 2, evalSamples: 16 });

const landscape = tinyLandscape({ slicePoints: 3, gridSize: 5, evalSamples: 16, seed: 1 });

describe('progressive grid through the worker API', () => {
  it('sends the coarse surface first, then the full grid containing it', async () => {
    const { api } = await trainedApi(config);
    const coarse: GridResult[] = [];
    const progress: Progress[] = [];
    const full = await api.grid2d(
      landscape,
      (p) => progress.push(p),
      (g) => coarse.push(g),
    );
    expect(coarse).toHaveLength(1);
    const c = coarse[0]!;
    expect(c.a).toEqual([full.a[0], full.a[2], full.a[4]]);
    expect(c.b).toEqual([full.b[0], full.b[2], full.b[4]]);
    expect(c.trainLoss).toEqual([0, 2, 4].map((r) => [0, 2, 4].map((k) => full.trainLoss[r]![k])));
    expect(c.axes).toEqual(full.axes);
    // Points, not rows: 9 coarse ones, then the other 16 row by row.
    expect(progress[2]).toEqual({ done: 9, total: 25 });
    expect(progress.at(-1)).toEqual({ done: 25, total: 25 });
    expect(full.trainLoss.flat().every(Number.isFinite)).toBe(true);
  });

  it('cancel() during refinement keeps the coarse surface and its plane, and leaks nothing', async () => {
    const { api } = await trainedApi(config);
    // Builds the cached evaluation sets, which outlive the job.
    await api.slice1d(landscape, () => undefined);
    const before = tf.memory().numTensors;
    let coarse: GridResult | null = null;
    let after = 0;
    const grid = api.grid2d(
      { ...landscape, gridSize: 7 },
      () => {
        if (coarse && ++after === 1) void api.cancel();
      },
      (g) => (coarse = g),
    );
    await expect(grid).rejects.toMatchObject({ name: 'CancelledError' });
    expect(after).toBe(1);
    expect(coarse!.trainLoss.flat()).toHaveLength(16);
    expect(coarse!.trainLoss.flat().every(Number.isFinite)).toBe(true);
    // The coarse surface's plane stays for the perturbation sliders, exactly as a finished grid's
    // does: a full grid afterwards replaces it and the count is the same.
    const cancelled = tf.memory().numTensors;
    expect(cancelled).toBeGreaterThan(before);
    await api.grid2d({ ...landscape, gridSize: 3 }, () => undefined);
    expect(tf.memory().numTensors).toBe(cancelled);
    await api.grid2d({ ...landscape, gridSize: 7 }, () => undefined);
    expect(tf.memory().numTensors).toBe(cancelled);
  });

  it('the sliders work on the plane of a cancelled refinement', async () => {
    const { api } = await trainedApi(config);
    await api.slice1d(landscape, () => undefined);
    let coarse: GridResult | null = null;
    const grid = api.grid2d(
      { ...landscape, gridSize: 7 },
      () => {
        if (coarse) void api.cancel();
      },
      (g) => (coarse = g),
    );
    await expect(grid).rejects.toMatchObject({ name: 'CancelledError' });
    const value = await api.evaluateAt2d(0, 0);
    expect(Number.isFinite(value.trainLoss)).toBe(true);
  });
});
