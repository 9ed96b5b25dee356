import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainConfig, TrainEvent } from '../domain/api';
import { createWorkerApi } from './service';
import { syntheticDataset } from './testing/synthetic';
import { thetaConfig, tinyConfig, tinyLandscape } from './testing/trained-api';
import { RunControl } from './run-control';
import { disposeTrainedModel, runTraining } from './train-loop';

const config = tinyConfig({ subset: 200, batchSize: 20, epochs: 2, seed: 7, evalSamples: 50 });

const landscape = tinyLandscape({ slicePoints: 7, evalSamples: 40, seed: 3 });

async function train(cfg: TrainConfig, control = new RunControl()) {
  const events: TrainEvent[] = [];
  const out = await runTraining(cfg, syntheticDataset(300, 60), {
    control,
    emit: (e) => events.push(...e),
  });
  return { ...out, events };
}

describe('runTraining (CPU backend)', () => {
  it('emits every step and epoch, learns, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const { summary, model, events } = await train(config);
    const steps = events.filter((e) => e.kind === 'step');
    const epochs = events.filter((e) => e.kind === 'epoch');
    expect(steps.map((e) => e.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(epochs).toHaveLength(2);
    expect(summary.status).toBe('finished');
    expect(summary.steps).toBe(20);
    expect(summary.final!.trainAcc).toBeGreaterThan(0.5);
    expect(steps.every((e) => Number.isFinite(e.loss))).toBe(true);
    disposeTrainedModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic under a seed and differs across seeds', async () => {
    const a = await train(config);
    const b = await train(config);
    const c = await train({ ...config, seed: 8 });
    const lossesOf = (r: typeof a) => r.events.filter((e) => e.kind === 'step').map((e) => e.loss);
    expect(lossesOf(a)).toEqual(lossesOf(b));
    expect(lossesOf(a)).not.toEqual(lossesOf(c));
    for (const r of [a, b, c]) disposeTrainedModel(r.model);
  });

  it('stops when asked and reports a diverging loss', async () => {
    const control = new RunControl();
    control.stop();
    const stopped = await train(config, control);
    expect(stopped.summary.status).toBe('stopped');
    disposeTrainedModel(stopped.model);
    const diverged = await train({ ...config, lr: 1e6, momentum: 0.99 });
    expect(diverged.summary.status).toBe('stopped');
    expect(diverged.summary.diverged?.message).toMatch(/diverged at step \d+/);
    disposeTrainedModel(diverged.model);
  });

  it('rejects a batch larger than the subset', async () => {
    await expect(train({ ...config, subset: 10, batchSize: 20 })).rejects.toThrow(/batch size/);
  });

  it('computes slices, grids and θ(α) through the worker API without touching weights or leaking', async () => {
    const api = createWorkerApi(async () => syntheticDataset(300, 60));
    const tensorsAtStart = tf.memory().numTensors;
    const summary = await api.train(config, () => undefined);
    expect(summary.runId).toBe('run-1');
    const slice = await api.slice1d(landscape, () => undefined);
    const grid = await api.grid2d(landscape, () => undefined);
    const at0 = await api.evaluateAt(0);
    // The session keeps the slice's and the grid's directions and the strip's images for the
    // perturbation sliders; a new grid replaces its directions.
    const before = tf.memory().numTensors;
    await api.grid2d(landscape, () => undefined);
    await api.evaluateAt2d(0.1, -0.1);
    const theta = await api.interpolate(
      thetaConfig(
        { runId: 'run-1', which: 'initial' },
        { runId: 'run-1', which: 'final' },
        { points: 5, from: -0.5, to: 1.5, evalSamples: 40, seed: 3 },
      ),
      () => undefined,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(slice.t).toHaveLength(7);
    expect(slice.trainLoss.every(Number.isFinite)).toBe(true);
    expect(grid.trainLoss).toHaveLength(3);
    expect(grid.trainLoss[1]![1]).toBeCloseTo(slice.trainLoss[3]!, 4);
    expect(at0.trainLoss).toBeCloseTo(slice.trainLoss[3]!, 4);
    // The minimum found by training should be lower than far points along the slice.
    expect(slice.trainLoss[3]!).toBeLessThan(Math.max(slice.trainLoss[0]!, slice.trainLoss[6]!));
    // θ(1) is the final weights: its loss equals the slice's centre; θ(0) (initial) is worse.
    expect(theta.alpha).toEqual([-0.5, 0, 0.5, 1, 1.5]);
    expect(theta.trainLoss[3]).toBeCloseTo(slice.trainLoss[3]!, 4);
    expect(theta.trainLoss[1]!).toBeGreaterThan(theta.trainLoss[3]!);
    const runs = await api.listRuns();
    expect(runs.map((r) => [r.name, r.checkpoints])).toEqual([['SGD', 3]]);
    await api.deleteRun('run-1');
    await expect(api.evaluateAt(0)).rejects.toThrow(/Train a model first/);
    expect(tf.memory().numTensors).toBeLessThan(before);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(tensorsAtStart + 8);
  });
});
