import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { STRIP_SIZE } from './probe';
import { syntheticLoader, tinyConfig, tinyLandscape, trainedApi } from './testing/trained-api';

const train = tinyConfig({ subset: 100, seed: 3, evalSamples: 40 });
const loader = syntheticLoader(200, STRIP_SIZE);

// The test split has exactly the strip's images and all of them are evaluated, so the test
// accuracy at any point must be the fraction of strip predictions that are right.
const landscape = tinyLandscape({ evalSamples: STRIP_SIZE, seed: 1 });

function stripAccuracy(predicted: number[], labels: number[]): number {
  return predicted.filter((p, i) => p === labels[i]).length / labels.length;
}

describe('perturbation probes through the worker API', () => {
  it('needs a grid before moving on its plane', async () => {
    const { api } = await trainedApi(train, loader);
    await api.slice1d(landscape, () => undefined);
    await expect(api.evaluateAt2d(0, 0)).rejects.toThrow(/2D landscape/);
  });

  it('matches the grid at grid points, agrees with the 1D probe at w, and leaks nothing', async () => {
    const { api } = await trainedApi(train, loader);
    await api.slice1d(landscape, () => undefined);
    const grid = await api.grid2d(landscape, () => undefined);
    const centre = await api.evaluateAt2d(0, 0);
    const before = tf.memory().numTensors;
    for (const [i, j] of [
      [0, 0],
      [2, 1],
      [1, 2],
    ] as const) {
      const v = await api.evaluateAt2d(grid.a[i]!, grid.b[j]!);
      expect(v.trainLoss).toBeCloseTo(grid.trainLoss[j]![i]!, 4);
      expect(v.testLoss).toBeCloseTo(grid.testLoss[j]![i]!, 4);
      expect(v.trainAcc).toBeCloseTo(grid.trainAcc[j]![i]!, 6);
      expect(v.testAcc).toBeCloseTo(grid.testAcc[j]![i]!, 6);
    }
    expect(tf.memory().numTensors).toBe(before);
    const atW = await api.evaluateAt(0);
    expect(atW.trainLoss).toBeCloseTo(centre.trainLoss, 6);
    expect(atW.predicted).toEqual(centre.predicted);
    // The trained weights do not move: the centre evaluates the same after the probes.
    expect((await api.evaluateAt2d(0, 0)).trainLoss).toBe(centre.trainLoss);
  });

  it('predicts the strip consistently with the test accuracy, off the minimum too', async () => {
    const { api } = await trainedApi(train, loader);
    await api.slice1d(landscape, () => undefined);
    await api.grid2d(landscape, () => undefined);
    const images = await api.probeImages();
    expect(images.count).toBe(STRIP_SIZE);
    expect(images.pixels).toHaveLength(STRIP_SIZE * 784);
    expect(images.classes).toHaveLength(10);
    const accuracies = new Set<number>();
    for (const [a, b] of [
      [0, 0],
      [3, -2],
      [-8, 8],
    ] as const) {
      const v = await api.evaluateAt2d(a, b);
      expect(v.predicted).toHaveLength(STRIP_SIZE);
      expect(v.predicted.every((p) => Number.isInteger(p) && p >= 0 && p < 10)).toBe(true);
      expect(v.testAcc).toBeCloseTo(stripAccuracy(v.predicted, images.labels), 6);
      accuracies.add(v.testAcc);
    }
    // Far out on the plane the network forgets: the predictions do change as the weights move.
    expect(accuracies.size).toBeGreaterThan(1);
    const along = await api.evaluateAt(1);
    expect(along.testAcc).toBeCloseTo(stripAccuracy(along.predicted!, images.labels), 6);
  });

  it('recomputes BatchNorm statistics for the predictions as for the readouts', async () => {
    const { api } = await trainedApi({ ...train, model: 'bn-cnn', subset: 40 }, loader);
    const config = { ...landscape, bn: 'recompute' as const };
    await api.grid2d(config, () => undefined);
    const { labels } = await api.probeImages();
    const v = await api.evaluateAt2d(0.5, 0.5);
    expect(v.testAcc).toBeCloseTo(stripAccuracy(v.predicted, labels), 6);
  });

  it('a newer position supersedes the probe in flight, which gives up and frees its tensors', async () => {
    const { api } = await trainedApi({ ...train, model: 'bn-cnn', subset: 40 }, loader);
    await api.grid2d(landscape, () => undefined);
    const want = await api.evaluateAt2d(-0.4, 0.6);
    const before = tf.memory().numTensors;
    // Both start before either ends, as on release of a slider with a stale probe in flight.
    const stale = api.evaluateAt2d(0.9, 0.9);
    const latest = api.evaluateAt2d(-0.4, 0.6);
    await expect(stale).rejects.toMatchObject({ name: 'SupersededError' });
    expect(await latest).toEqual(want);
    expect(tf.memory().numTensors).toBe(before);
    // The 1D slider's probes are counted apart: a plane probe does not supersede them.
    await api.slice1d(landscape, () => undefined);
    const line = api.evaluateAt(0.5);
    const plane = api.evaluateAt2d(0.1, 0.1);
    await expect(line).resolves.toMatchObject({ t: 0.5 });
    await expect(plane).resolves.toMatchObject({ a: 0.1, b: 0.1 });
  });

  it('finishes a probe whose run is deleted while it is between its passes', async () => {
    const { api, runId } = await trainedApi({ ...train, model: 'bn-cnn', subset: 40 }, loader);
    await api.grid2d(landscape, () => undefined);
    const want = await api.evaluateAt2d(0.3, -0.2);
    const before = tf.memory().numTensors;
    const probe = api.evaluateAt2d(0.3, -0.2);
    // Queued behind nothing, the delete frees the weights, statistics and session meanwhile.
    await api.deleteRun(runId);
    expect(await probe).toEqual(want);
    expect(tf.memory().numTensors).toBeLessThan(before);
    await expect(api.evaluateAt2d(0.3, -0.2)).rejects.toThrow();
  });
});
