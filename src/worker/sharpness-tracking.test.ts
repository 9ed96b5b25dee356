import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { gatherImages } from '../data/batch';
import { evalIndices } from '../data/subset';
import { disposeParams } from '../engine/landscape/combine';
import { hessianLambdaMax, type EigenOptions } from '../engine/landscape/hessian';
import { deriveSeed } from '../domain/random';
import { modelHvp } from '../engine/tangent/hvp';
import type { Params } from '../engine/types';
import type { SharpnessEvent, TrainConfig, TrainEvent } from '../domain/api';
import { disposeLoopData, prepareData } from './loop-data';
import { RunControl } from './run-control';
import { runSpec } from './run-import';
import {
  isTrackedStep,
  sgdMomentum,
  SharpnessTracker,
  TRACKING_MAX_ITER,
  TRACKING_SAMPLES,
  TRACKING_TOL,
} from './sharpness-tracking';
import { syntheticDataset } from './testing/synthetic';
import { tinyConfig } from './testing/trained-api';
import { disposeTrainedModel, runTraining } from './train-loop';

// 5 steps per epoch, 10 in all; label noise so that the noisy labels are what is measured.
const config = tinyConfig({
  subset: 150,
  batchSize: 30,
  epochs: 2,
  seed: 7,
  evalSamples: 50,
  sharpnessEvery: 5,
  flat: { labelNoise: 0.3 },
});
const dataset = syntheticDataset(300, 60);

async function train(cfg: TrainConfig, onCheckpoint?: (epoch: number, p: Params) => Promise<void>) {
  const events: TrainEvent[] = [];
  const hooks = { control: new RunControl(), emit: (e: TrainEvent[]) => events.push(...e) };
  const out = await runTraining(cfg, dataset, onCheckpoint ? { ...hooks, onCheckpoint } : hooks);
  const tracked = events.filter((e): e is SharpnessEvent => e.kind === 'sharpness');
  return { ...out, events, tracked };
}

/** λ_max at `params` on the tracking sample, built here from the run's noisy labels. */
async function independentLambdaMax(
  cfg: TrainConfig,
  params: Params,
  opts: EigenOptions,
): Promise<number> {
  const data = prepareData(cfg, dataset);
  const pos = evalIndices(
    data.subset.length,
    TRACKING_SAMPLES,
    deriveSeed(cfg.seed, 'sharpness-tracking'),
  );
  const images = gatherImages(
    dataset.train.images,
    Array.from(pos, (p) => data.subset[p]!),
  );
  const x = tf.tensor4d(images, [pos.length, 28, 28, 1], 'float32');
  const y = tf.tensor1d(
    Array.from(pos, (p) => data.labels[p]!),
    'int32',
  );
  const clean = Array.from(pos, (p) => dataset.train.labels[data.subset[p]!]!);
  // The sample does hold changed labels, so measuring the clean ones would be caught.
  expect(clean.filter((c, i) => c !== data.labels[pos[i]!]).length).toBeGreaterThan(5);
  disposeLoopData(data);
  const spec = runSpec(cfg, dataset.classes.length);
  const r = await hessianLambdaMax(modelHvp(spec, {}, x, y), params, opts);
  disposeParams(r.vector);
  tf.dispose([x, y]);
  return r.value;
}

describe('sharpness tracking (CPU backend)', () => {
  it('schedules a measurement every k steps from the initial weights; k = 0 never', () => {
    const steps = Array.from({ length: 26 }, (_, i) => i);
    expect(steps.filter((s) => isTrackedStep(s, 5))).toEqual([0, 5, 10, 15, 20, 25]);
    expect(steps.filter((s) => isTrackedStep(s, 1))).toEqual(steps);
    expect(steps.filter((s) => isTrackedStep(s, 0))).toEqual([]);
  });

  it('takes the momentum of the SGD that steps, through SAM and SWA; none for Adam', () => {
    const sgd = { type: 'sgd' as const, lr: 0.1, momentum: 0.9 };
    expect(sgdMomentum(sgd)).toBe(0.9);
    expect(sgdMomentum({ type: 'sam', rho: 0.05, base: sgd })).toBe(0.9);
    expect(sgdMomentum({ type: 'swa', base: sgd, swa: { startStep: 1, every: 1 } })).toBe(0.9);
    expect(sgdMomentum({ type: 'sgd', lr: 0.1 })).toBe(0);
    expect(sgdMomentum({ type: 'adam', lr: 0.001 })).toBeNull();
  });

  it('measures at the scheduled steps the λ_max of an independent power iteration', async () => {
    const before = tf.memory().numTensors;
    const independent: Record<number, number> = {};
    // Step 0 (the initial weights) with the tracker's own cold-start settings: equal to float
    // precision. Epochs end at steps 5 and 10, scheduled steps: a long independent iteration.
    const same = { maxIter: TRACKING_MAX_ITER, tol: TRACKING_TOL };
    const long = { seed: 99, maxIter: 80, tol: 1e-5 };
    const { model, tracked, events } = await train(config, async (epoch, p) => {
      independent[epoch * 5] = await independentLambdaMax(config, p, epoch === 0 ? same : long);
    });
    expect(tracked.map((e) => e.step)).toEqual([0, 5, 10]);
    const lrs = new Map(events.flatMap((e) => (e.kind === 'step' ? [[e.step, e.lr]] : [])));
    for (const e of tracked) {
      expect(e.lambdaMax).toBeGreaterThan(0);
      expect(e.momentum).toBe(0.9);
      expect(e.lr).toBe(lrs.get(Math.max(e.step, 1)));
      expect(e.iterations).toBeLessThanOrEqual(TRACKING_MAX_ITER);
      expect(e.epoch).toBe(e.step <= 5 ? 1 : 2);
    }
    expect(tracked[0]!.lambdaMax).toBeCloseTo(independent[0]!, 4);
    // Warm-started and capped, against the long iteration. Finite-difference products at ReLU
    // kinks make the estimate depend on the vector by a few percent (issue 14 §3), hence 10%;
    // the bug this catches read 0.12 at step 10 against 2.8 (an old eigenvector kept too long).
    for (const step of [5, 10]) {
      const at = tracked.find((e) => e.step === step)!;
      expect(Math.abs(at.lambdaMax - independent[step]!)).toBeLessThan(0.1 * independent[step]!);
    }
    disposeTrainedModel(model);
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);

  it('k = 0 measures nothing and holds no tensors; steps and losses are unchanged', async () => {
    const off = await train({ ...config, sharpnessEvery: 0 });
    const on = await train(config);
    expect(off.tracked).toEqual([]);
    const losses = (r: typeof on) => r.events.flatMap((e) => (e.kind === 'step' ? [e.loss] : []));
    expect(losses(off)).toEqual(losses(on));
    const before = tf.memory().numTensors;
    const data = prepareData(config, dataset);
    const opt = { type: 'sgd' as const, lr: 0.1 };
    const idle = SharpnessTracker.create({ ...config, sharpnessEvery: 0 }, data, opt);
    expect(tf.memory().numTensors).toBe(before + 6);
    expect(idle.due(0)).toBe(false);
    idle.dispose();
    disposeLoopData(data);
    [off, on].forEach((r) => disposeTrainedModel(r.model));
  }, 120_000);
});
