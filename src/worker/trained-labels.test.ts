import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from './service';
import {
  syntheticLoader,
  thetaConfig,
  tinyConfig,
  tinyLandscape,
  trainedApi,
} from './testing/trained-api';

/**
 * Half the labels replaced: the loss on the noisy labels (the one the run minimised) and on the
 * clean ones differ by far more than float error, so the tests below can tell which was used.
 */
const config = tinyConfig({ subset: 100, seed: 5, evalSamples: 40, flat: { labelNoise: 0.5 } });
const loader = syntheticLoader(200, 60);

// The landscape's sample count equals the run's metric sample count: with the run's metric seed
// (see `EvalSets`) it is the very sample the epoch's train and test loss were reported on.
const landscape = tinyLandscape({ evalSamples: 40, seed: 7 });

describe('landscapes measure the loss the run minimised (label noise)', () => {
  it('the slice centre equals the reported train and test loss; clean labels differ', async () => {
    const { api, summary } = await trainedApi(config, loader);
    const final = summary.final!;
    const slice = await api.slice1d(landscape, () => undefined);
    expect(slice.t[2]).toBe(0);
    expect(slice.trainLoss[2]).toBeCloseTo(final.trainLoss, 5);
    expect(slice.trainAcc[2]).toBeCloseTo(final.trainAcc, 6);
    expect(slice.testLoss[2]).toBeCloseTo(final.testLoss, 5);
    // The perturbation probe at t = 0 evaluates the same samples and labels.
    expect((await api.evaluateAt(0)).trainLoss).toBeCloseTo(final.trainLoss, 5);

    const before = tf.memory().numTensors;
    const clean = await api.slice1d({ ...landscape, labels: 'clean' }, () => undefined);
    // The clean labels are an explicit alternative: another loss at the same weights.
    expect(Math.abs(clean.trainLoss[2]! - final.trainLoss)).toBeGreaterThan(0.05);
    expect(clean.testLoss[2]).toBeCloseTo(final.testLoss, 5);
    // The trained labels again: the cached sample of the clean ones is not reused.
    const again = await api.slice1d(landscape, () => undefined);
    expect(again.trainLoss[2]).toBeCloseTo(final.trainLoss, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the 2D grid, θ(α) and sharpness use the trained labels too', async () => {
    // Every sample of the subset: the sharpness sample (its own seed) is then the metric sample.
    const all = { ...config, evalSamples: 100 };
    const { api, runId, summary } = await trainedApi(all, loader);
    const trainLoss = summary.final!.trainLoss;
    const grid = await api.grid2d({ ...landscape, evalSamples: 100 }, () => undefined);
    expect(grid.trainLoss[1]![1]).toBeCloseTo(trainLoss, 5);
    const theta = await api.interpolate(
      thetaConfig(
        { runId, which: 'final' },
        { runId, which: 'initial' },
        { points: 3, evalSamples: 100 },
      ),
      () => undefined,
    );
    expect(theta.trainLoss[0]).toBeCloseTo(trainLoss, 5);
    const sharpness = (labels?: 'clean') =>
      api.sharpness(
        {
          weights: { runId, which: 'final' },
          samples: 100,
          seed: 1,
          rho: 0.05,
          adaptiveRho: 0.5,
          stages: ['averageSharpness'],
          ...(labels && { labels }),
        },
        () => undefined,
      );
    expect((await sharpness()).averageSharpness!.baseLoss).toBeCloseTo(trainLoss, 5);
    const clean = (await sharpness('clean')).averageSharpness!.baseLoss;
    expect(Math.abs(clean - trainLoss)).toBeGreaterThan(0.05);
  });

  it('an imported run gets its trained-on labels back from its config', async () => {
    const { api, runId, summary } = await trainedApi(config, loader);
    const run = (await api.exportRun(runId))!;
    const other = createWorkerApi(loader);
    const info = await other.importRun({
      ...run,
      name: run.info.name,
      config,
      summary: run.info.summary,
    });
    await other.selectWeights({ runId: info.id, which: 'final' });
    const slice = await other.slice1d(landscape, () => undefined);
    expect(slice.trainLoss[2]).toBeCloseTo(summary.final!.trainLoss, 5);
  });
});
