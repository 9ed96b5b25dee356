import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrajectoryResult } from '../domain/api';
import { createWorkerApi } from './service';
import { syntheticLoader, tinyConfig, tinyLandscape, trainedApi } from './testing/trained-api';

const config = tinyConfig({
  epochs: 2,
  seed: 4,
  // Average from the first epoch so that SWA and WASAM have an average after two.
  flat: { swaStart: 0.5 },
});
const loader = syntheticLoader(120, 40);

const landscape = tinyLandscape({ evalSamples: 20, seed: 1 });

describe('trajectories and run landscapes through the worker API', () => {
  it('draws a comparison on a fixed random plane while it trains, then on its PCA plane', async () => {
    const api = createWorkerApi(loader);
    expect(await api.trajectories()).toBeNull();
    const live: Promise<TrajectoryResult | null>[] = [];
    const runs = await api.compare(config, (_id, events) => {
      if (events.some((e) => e.kind === 'epoch')) live.push(api.trajectories());
    });
    expect(runs).toHaveLength(4);
    const snapshots = await Promise.all(live);
    // Seen during training: the first snapshot has only the first run, with w₀ and epoch 1.
    expect(snapshots[0]!.paths).toHaveLength(1);
    expect(snapshots[0]!.paths[0]!.epochs).toEqual([0, 1]);

    const random = (await api.trajectories())!;
    expect(random.plane).toBe('random');
    expect(random.paths.map((p) => p.runId)).toEqual(runs.map((r) => r.id));
    for (const p of random.paths) {
      expect(p.epochs).toEqual([0, 1, 2]);
      // Same seed, same initial weights: every path starts at w₀, the plane's origin.
      expect(p.a[0]).toBeCloseTo(0, 6);
      expect(p.b[0]).toBeCloseTo(0, 6);
      expect(Math.hypot(p.a[2]!, p.b[2]!)).toBeGreaterThan(0);
    }
    const averaged = random.paths.filter((p) => p.averaged).map((p) => p.runId);
    expect(averaged).toEqual(runs.filter((r) => r.hasAverage).map((r) => r.id));

    const before = tf.memory().numTensors;
    const pca = await api.trajectoryPca();
    expect(tf.memory().numTensors).toBe(before);
    expect(pca.plane).toBe('pca');
    expect(pca.label1).toMatch(/^PC1 \(\d+\.\d% of variance\)$/);
    const [e1, e2] = pca.explained!;
    expect(e1).toBeGreaterThanOrEqual(e2);
    expect(e1 + e2).toBeLessThanOrEqual(1 + 1e-6);
    expect(pca.paths).toHaveLength(4);
    for (const p of pca.paths) {
      expect(p.a).toHaveLength(3);
      expect(p.a[0]).toBeCloseTo(0, 5);
      expect([...p.a, ...p.b].every(Number.isFinite)).toBe(true);
    }
    // The plane explains all variance only if the runs were planar: it explains at least 2/rows.
    expect(e1 + e2).toBeGreaterThan(2 / 8 - 1e-6);
  });

  it('computes another run’s landscape without touching the explored weights or their probe', async () => {
    const { api, runId: firstId } = await trainedApi(config, loader);
    const second = await api.train({ ...config, seed: 8 }, () => undefined);
    await api.slice1d(landscape, () => undefined);
    const probe = await api.evaluateAt(0.5);
    const before = tf.memory().numTensors;
    const phases = new Set<string>();
    const shared = { ...landscape, directions: { shareWith: firstId } };
    const other = await api.runLandscape(
      { ref: { runId: firstId, which: 'final' }, config: shared, grid: true },
      (p) => phases.add(p.phase),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(phases).toEqual(new Set(['slice', 'grid']));
    expect(other.slice.trainLoss).toHaveLength(5);
    expect(other.grid!.trainLoss.flat()).toHaveLength(9);
    // The explored weights (the second run) still answer the probe exactly as before.
    expect(await api.evaluateAt(0.5)).toEqual(probe);
    // The same run cut through the main session along the same shared directions agrees.
    await api.selectWeights({ runId: firstId, which: 'final' });
    const main = await api.slice1d(shared, () => undefined);
    main.trainLoss.forEach((l, i) => expect(other.slice.trainLoss[i]).toBeCloseTo(l, 5));
    const sliceOnly = await api.runLandscape(
      { ref: { runId: second.runId!, which: 'final' }, config: shared, grid: false },
      () => undefined,
    );
    expect(sliceOnly.grid).toBeNull();
  });
});
