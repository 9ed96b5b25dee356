import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../data/load';
import type { EpochEvent, PlanEvent, StepEvent, TrainConfig, TrainEvent } from './api';
import { LandscapeSession } from './landscape';
import { optimizerPlan, swaPlan } from './optimizer-config';
import { resolveFlat } from './api-defaults';
import { RunControl } from './run-control';
import { runTraining } from './train-loop';

function dataset(): Dataset {
  const split = (n: number) => {
    const images = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (let col = 0; col < 28; col++) images[i * 784 + (2 * (i % 10) + 4) * 28 + col] = 220;
    }
    return { images, labels, count: n };
  };
  const classes = Array.from({ length: 10 }, (_, i) => String(i));
  return {
    id: 'mnist',
    name: 's',
    classes,
    imageShape: [28, 28, 1],
    train: split(200),
    test: split(50),
  };
}

const base: TrainConfig = {
  dataset: 'mnist',
  subset: 100,
  model: 'bn-cnn',
  optimizer: 'swa',
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 25,
  epochs: 4,
  seed: 3,
  evalSamples: 40,
};

async function run(cfg: TrainConfig) {
  const events: TrainEvent[] = [];
  const out = await runTraining(cfg, dataset(), {
    control: new RunControl(),
    emit: (e) => events.push(...e),
  });
  return { ...out, events };
}

describe('flat-minima optimizers in the training loop', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('plans SWA from the end of epoch ⌈0.75·E⌉, once per epoch, or every k steps', () => {
    const flat = resolveFlat('swa', 0.1, {});
    expect(swaPlan(flat, 4, 10)).toEqual({ startStep: 30, every: 10 });
    expect(swaPlan({ ...flat, swaEvery: 5 }, 4, 10)).toEqual({ startStep: 30, every: 5 });
    expect(swaPlan({ ...flat, swaStart: 0.1 }, 4, 10)).toEqual({ startStep: 10, every: 10 });
  });

  it('uses the paper defaults: ρ 0.05 (SAM), 0.5 (ASAM), swa_lr = lr/2, swa_linear for SWA', () => {
    expect(resolveFlat('sam', 0.1, {}).rho).toBe(0.05);
    expect(resolveFlat('sam', 0.1, { adaptive: true }).rho).toBe(0.5);
    expect(resolveFlat('swa', 0.1, {}).swaLr).toBe(0.05);
    expect(resolveFlat('swa', 0.1, {}).schedule).toBe('swa_linear');
    expect(resolveFlat('sgd', 0.1, {}).schedule).toBe('constant');
    expect(optimizerPlan({ ...base, optimizer: 'wasam' }, 4).optimizer).toMatchObject({
      type: 'wasam',
      rho: 0.05,
      swa: { startStep: 12, every: 4 },
    });
  });

  it('SWA reports the averaged model (BN recomputed) and explores it; lr follows swa_linear', async () => {
    const { summary, model, events } = await run(base);
    const plan = events.find((e): e is PlanEvent => e.kind === 'plan')!;
    expect(plan).toMatchObject({ totalSteps: 16, stepsPerEpoch: 4, swaStartStep: 12 });
    const epochs = events.filter((e): e is EpochEvent => e.kind === 'epoch');
    expect(epochs.map((e) => e.averaged?.nAveraged)).toEqual([undefined, undefined, 1, 2]);
    const lrs = events.filter((e): e is StepEvent => e.kind === 'step').map((e) => e.lr);
    // swa_linear with swaStart = 3 epochs: epochs 1 at lr, then linear down to lr/2, then lr/2.
    expect(lrs[0]).toBeCloseTo(0.05);
    expect(lrs[15]).toBeCloseTo(0.025);
    expect(summary.averaged!.nAveraged).toBe(2);
    expect(model.averaged!.state['layer1/moving_mean']).toBeDefined();
    const session = new LandscapeSession(model, dataset());
    const slice = await session.slice1d(
      { slicePoints: 3, sliceRange: 1, gridSize: 3, gridRange: 1, evalSamples: 40, seed: 1 },
      () => undefined,
    );
    expect(slice.trainLoss.every(Number.isFinite)).toBe(true);
    session.dispose();
  });

  it('SAM and WASAM train with label noise and report how many labels changed', async () => {
    for (const optimizer of ['sam', 'wasam'] as const) {
      const before = tf.memory().numTensors;
      const { model, events, summary } = await run({
        ...base,
        optimizer,
        epochs: 2,
        flat: { labelNoise: 0.5 },
      });
      const plan = events.find((e): e is PlanEvent => e.kind === 'plan')!;
      expect(plan.labelsChanged).toBeGreaterThan(0.3);
      expect(plan.labelsChanged).toBeLessThanOrEqual(0.5);
      expect(summary.status).toBe('finished');
      new LandscapeSession(model, dataset()).dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
