import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../data/load';
import type { LandscapeConfig, TrainConfig, TrainEvent } from './api';
import { LandscapeSession } from './landscape';
import { RunControl } from './run-control';
import { runTraining } from './train-loop';

/** A learnable synthetic dataset: class c lights up row 2c of the image. */
function syntheticDataset(train: number, test: number): Dataset {
  const split = (n: number, offset: number) => {
    const images = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = (i + offset) % 10;
      labels[i] = c;
      for (let col = 0; col < 28; col++)
        images[i * 784 + (2 * c + 4) * 28 + col] = 200 + (col % 50);
    }
    return { images, labels, count: n };
  };
  return {
    id: 'mnist',
    name: 'synthetic',
    classes: Array.from({ length: 10 }, (_, i) => String(i)),
    imageShape: [28, 28, 1],
    train: split(train, 0),
    test: split(test, 3),
  };
}

const config: TrainConfig = {
  dataset: 'mnist',
  subset: 200,
  model: 'tiny-cnn',
  optimizer: 'sgd',
  lr: 0.1,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 20,
  epochs: 2,
  seed: 7,
  evalSamples: 50,
};

const landscape: LandscapeConfig = {
  slicePoints: 7,
  sliceRange: 1,
  gridSize: 3,
  gridRange: 1,
  evalSamples: 40,
  seed: 3,
};

async function train(cfg: TrainConfig, control = new RunControl()) {
  const events: TrainEvent[] = [];
  const out = await runTraining(cfg, syntheticDataset(300, 60), {
    control,
    emit: (e) => events.push(...e),
  });
  return { ...out, events };
}

describe('runTraining (CPU backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

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
    tf.dispose([...Object.values(model.params), ...Object.values(model.state)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic under a seed and differs across seeds', async () => {
    const a = await train(config);
    const b = await train(config);
    const c = await train({ ...config, seed: 8 });
    const lossesOf = (r: typeof a) => r.events.filter((e) => e.kind === 'step').map((e) => e.loss);
    expect(lossesOf(a)).toEqual(lossesOf(b));
    expect(lossesOf(a)).not.toEqual(lossesOf(c));
    for (const r of [a, b, c]) tf.dispose(Object.values(r.model.params));
  });

  it('stops when asked and reports a diverging loss', async () => {
    const control = new RunControl();
    control.stop();
    const stopped = await train(config, control);
    expect(stopped.summary.status).toBe('stopped');
    tf.dispose(Object.values(stopped.model.params));
    await expect(train({ ...config, lr: 1e6, momentum: 0.99 })).rejects.toThrow(
      /diverged at step \d+/,
    );
  });

  it('rejects a batch larger than the subset', async () => {
    await expect(train({ ...config, subset: 10, batchSize: 20 })).rejects.toThrow(/batch size/);
  });

  it('computes slices and grids without touching the weights or leaking', async () => {
    const { model } = await train(config);
    const w0 = await model.params['layer0/kernel']!.data();
    const session = new LandscapeSession(model, syntheticDataset(300, 60));
    const slice = await session.slice1d(landscape, () => undefined);
    const before = tf.memory().numTensors;
    const grid = await session.grid2d(landscape, () => undefined);
    const at0 = await session.evaluateAt(0, landscape);
    expect(tf.memory().numTensors).toBe(before);
    expect(slice.t).toHaveLength(7);
    expect(slice.trainLoss.every(Number.isFinite)).toBe(true);
    expect(grid.trainLoss).toHaveLength(3);
    expect(grid.trainLoss[1]![1]).toBeCloseTo(slice.trainLoss[3]!, 4);
    expect(at0.trainLoss).toBeCloseTo(slice.trainLoss[3]!, 4);
    // The minimum found by training should be lower than far points along the slice.
    expect(slice.trainLoss[3]!).toBeLessThan(Math.max(slice.trainLoss[0]!, slice.trainLoss[6]!));
    expect(Array.from(await model.params['layer0/kernel']!.data())).toEqual(Array.from(w0));
    session.dispose();
  });
});
