import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { syntheticLoader, thetaConfig, tinyConfig, trainedApi } from './testing/trained-api';

const config = tinyConfig({ subset: 100, seed: 2, evalSamples: 40 });
const loader = syntheticLoader(200, 40);

describe('sharpness and cancellation through the worker API', () => {
  it('measures ρ-sharpness, adaptive and average-case sharpness and λ_max of a run', async () => {
    const { api, runId } = await trainedApi(config, loader);
    const stages: string[] = [];
    const before = tf.memory().numTensors;
    const r = await api.sharpness(
      {
        weights: { runId, which: 'final' },
        samples: 32,
        seed: 1,
        rho: 0.05,
        adaptiveRho: 2,
        stages: ['lambdaMax', 'rhoSharpness', 'averageSharpness'],
      },
      (p) => stages.push(p.stage),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(new Set(stages)).toEqual(new Set(['lambdaMax', 'rhoSharpness', 'averageSharpness']));
    expect(r.lambdaMax!.value).toBeGreaterThan(0);
    // Worst case over the ball is at least SAM's estimate. (The average case adds N(0, ρ²) to every
    // coordinate, ‖δ‖ ≈ ρ√n: far outside the ball, so the two are not ordered.)
    expect(r.averageSharpness).toMatchObject({ samples: 100, direction: 'gaussian' });
    expect(Number.isFinite(r.averageSharpness!.mean)).toBe(true);
    expect(r.rhoSharpness!.sharpness).toBeGreaterThanOrEqual(
      r.rhoSharpness!.firstOrderSharpness - 1e-7,
    );
    expect(r.trace).toBeNull();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('cancel() stops a running grid with a CancelledError and leaks nothing', async () => {
    const { api } = await trainedApi(config, loader);
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

  it('cuts along PCA, checkpoint, gradient and shared directions as asked', async () => {
    const { api, runId } = await trainedApi({ ...config, epochs: 3 }, loader);
    const base = {
      slicePoints: 3,
      sliceRange: 1,
      gridSize: 3,
      gridRange: 1,
      evalSamples: 40,
      seed: 1,
    };
    const pca = await api.grid2d(
      { ...base, directions: { kind1: 'pca', kind2: 'pca' } },
      () => undefined,
    );
    expect(pca.axes!.label1).toMatch(/^PC1 \(\d+\.\d% of variance\)$/);
    expect(pca.axes!.explained![0]).toBeGreaterThanOrEqual(pca.axes!.explained![1]);
    expect(pca.axes!.path!.a).toHaveLength(4);
    // The plane frames the whole trajectory.
    expect(Math.max(...pca.a)).toBeGreaterThanOrEqual(Math.max(...pca.axes!.path!.a.map(Math.abs)));

    const ortho = await api.grid2d(
      { ...base, directions: { orthogonalize: true } },
      () => undefined,
    );
    expect(Math.abs(ortho.axes!.cosine)).toBeLessThan(1e-5);

    // Towards the initial weights: t = 1 is exactly the initial checkpoint.
    const towards = { kind1: 'checkpoint' as const, towards: { runId, which: 'initial' as const } };
    const slice = await api.slice1d({ ...base, directions: towards }, () => undefined);
    const theta = await api.interpolate(
      thetaConfig(
        { runId, which: 'initial' },
        { runId, which: 'final' },
        { points: 2, evalSamples: 40 },
      ),
      () => undefined,
    );
    expect(slice.trainLoss[2]).toBeCloseTo(theta.trainLoss[0]!, 4);
    expect(slice.trainLoss[1]).toBeCloseTo(theta.trainLoss[1]!, 4);

    const grad = await api.slice1d({ ...base, directions: { kind1: 'gradient' } }, () => undefined);
    expect(grad.trainLoss.every(Number.isFinite)).toBe(true);

    // Sharing directions shares the raw draw, normalised against each run's own weights (Li et
    // al. §4): a second run's shared plane is its own plane of the same seed.
    const second = await api.train({ ...config, epochs: 3, seed: 9 }, () => undefined);
    const shared = { ...base, directions: { shareWith: runId } };
    const g2 = await api.grid2d(shared, () => undefined);
    const own = await api.grid2d(base, () => undefined);
    expect(g2.trainLoss).toEqual(own.trainLoss);
    expect(g2.axes!.cosine).toBe(own.axes!.cosine);
    expect(second.runId).not.toBe(runId);
  });
});
