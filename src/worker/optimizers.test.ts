import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { EpochEvent, PlanEvent, StepEvent, TrainConfig, TrainEvent } from '../domain/api';
import { createWorkerApi } from './service';
import { syntheticDataset } from './testing/synthetic';
import { thetaConfig, tinyConfig } from './testing/trained-api';
import { optimizerPlan, swaPlan } from './optimizer-config';
import { resolveFlat } from '../domain/api-defaults';
import { RunControl } from './run-control';
import { disposeTrainedModel, runTraining } from './train-loop';

const dataset = () => syntheticDataset(200, 50);

const base = tinyConfig({
  subset: 100,
  model: 'bn-cnn',
  optimizer: 'swa',
  lr: 0.05,
  batchSize: 25,
  epochs: 4,
  seed: 3,
  evalSamples: 40,
});

async function run(cfg: TrainConfig) {
  const events: TrainEvent[] = [];
  const out = await runTraining(cfg, dataset(), {
    control: new RunControl(),
    emit: (e) => events.push(...e),
  });
  return { ...out, events };
}

describe('flat-minima optimizers in the training loop', () => {
  it('plans SWA from the end of epoch ⌈0.75·E⌉, once per epoch, or every k steps', () => {
    const flat = resolveFlat('swa', 0.1, {});
    expect(swaPlan(flat, 4, 10)).toEqual({ startStep: 30, every: 10 });
    expect(swaPlan({ ...flat, swaEvery: 5 }, 4, 10)).toEqual({ startStep: 30, every: 5 });
    expect(swaPlan({ ...flat, swaStart: 0.1 }, 4, 10)).toEqual({ startStep: 10, every: 10 });
  });

  it('uses the paper defaults: ρ 0.05 (SAM), 2 (ASAM), swa_lr = lr/2, swa_linear for SWA', () => {
    expect(resolveFlat('sam', 0.1, {}).rho).toBe(0.05);
    expect(resolveFlat('sam', 0.1, { adaptive: true }).rho).toBe(2);
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
    expect(model.checkpoints).toHaveLength(5);
    disposeTrainedModel(model);
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
      disposeTrainedModel(model);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('compare trains SGD, SWA, SAM and WASAM from the same initial weights and data order', async () => {
    const api = createWorkerApi(async () => dataset());
    const firstLoss: Record<string, number> = {};
    const runs = await api.compare({ ...base, model: 'tiny-cnn', epochs: 2 }, (runId, events) => {
      const step = events.find((e): e is StepEvent => e.kind === 'step' && e.step === 1);
      if (step) firstLoss[runId] = step.loss;
    });
    expect(runs.map((r) => r.name)).toEqual(['SGD', 'SWA', 'SAM', 'WASAM']);
    expect(new Set(runs.map((r) => r.color)).size).toBe(4);
    expect(runs.map((r) => r.hasAverage)).toEqual([false, true, false, true]);
    // Same init and same first batch: the loss before the first step is identical for all four.
    const losses = runs.map((r) => firstLoss[r.id]!);
    expect(losses.every((l) => l === losses[0])).toBe(true);
    // SGD and SWA take identical steps (SWA only averages), so their final weights agree.
    const [a, b] = runs.map((r) => ({ runId: r.id, which: 'final' as const }));
    const theta = await api.interpolate(
      thetaConfig(a!, b!, { points: 2, evalSamples: 40 }),
      () => undefined,
    );
    expect(theta.trainLoss[0]).toBeCloseTo(theta.trainLoss[1]!, 5);
    for (const r of runs) await api.deleteRun(r.id);
  });
});
