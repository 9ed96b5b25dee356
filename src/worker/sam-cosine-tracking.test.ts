import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { FlatMinimaSettings, SamCosineEvent, TrainConfig, TrainEvent } from '../domain/api';
import { optimizerPlan } from './optimizer-config';
import { RunControl } from './run-control';
import { SamCosineTracker } from './sam-cosine-tracking';
import { syntheticDataset } from './testing/synthetic';
import { tinyConfig } from './testing/trained-api';
import { disposeTrainedModel, runTraining } from './train-loop';

// 3 steps per epoch, 2 epochs: 6 steps; the cosine every 2 steps.
const sam = (flat: Partial<FlatMinimaSettings>, model: TrainConfig['model'] = 'tiny-cnn') =>
  tinyConfig({ optimizer: 'sam', epochs: 2, model, flat: { cosineEvery: 2, ...flat } });
const dataset = syntheticDataset(100, 20);

async function train(cfg: TrainConfig) {
  const before = tf.memory().numTensors;
  const events: TrainEvent[] = [];
  const hooks = { control: new RunControl(), emit: (e: TrainEvent[]) => events.push(...e) };
  const out = await runTraining(cfg, dataset, hooks);
  disposeTrainedModel(out.model);
  expect(tf.memory().numTensors).toBe(before);
  const cosines = events.filter((e): e is SamCosineEvent => e.kind === 'samCosine');
  const losses = events.flatMap((e) => (e.kind === 'step' ? [e.loss] : []));
  return { cosines, losses };
}

describe('SAM update cosine tracking (Foret et al. Fig. 5, CPU backend)', () => {
  it('second-order SAM (p = 2): finite cosines below 1 at steps 2, 4, 6', async () => {
    const r = await train(sam({ secondOrder: true }));
    expect(r.cosines.map((e) => e.step)).toEqual([2, 4, 6]);
    expect(r.cosines.map((e) => e.epoch)).toEqual([1, 2, 2]);
    for (const e of r.cosines) {
      expect(Number.isFinite(e.cosine)).toBe(true);
      expect(e.cosine).toBeLessThan(1);
      expect(e.cosine).toBeGreaterThan(-1);
      expect(e).toMatchObject({ p: '2', secondOrder: true });
    }
  }, 120_000);

  it('measuring changes nothing; second order changes the steps; BatchNorm model too', async () => {
    const measured = await train(sam({}, 'bn-cnn'));
    const quiet = await train(sam({ cosineEvery: 0 }, 'bn-cnn'));
    const second = await train(sam({ cosineEvery: 0, secondOrder: true }, 'bn-cnn'));
    expect(measured.losses).toEqual(quiet.losses);
    expect(quiet.cosines).toEqual([]);
    expect(measured.cosines.every((e) => Number.isFinite(e.cosine) && e.cosine < 1)).toBe(true);
    // Same first step (the loss is taken before it), different weights after.
    expect(second.losses[0]).toBe(quiet.losses[0]);
    expect(second.losses.slice(1)).not.toEqual(quiet.losses.slice(1));
  }, 120_000);

  it('p = ∞: the second-order term vanishes, so the cosine is exactly 1', async () => {
    const r = await train(sam({ samP: 'inf', secondOrder: true }));
    expect(r.cosines.map((e) => e.cosine)).toEqual([1, 1, 1]);
    const first = await train(sam({ samP: 'inf', cosineEvery: 0 }));
    const losses = (await train(sam({ samP: 'inf', secondOrder: true, cosineEvery: 0 }))).losses;
    expect(losses).toEqual(first.losses);
  }, 120_000);

  it('is off for ASAM, for optimizers without SAM and for k = 0', () => {
    const off = (cfg: TrainConfig) => !SamCosineTracker.create(cfg, optimizerPlan(cfg, 3)).due(2);
    expect(off(sam({ adaptive: true }))).toBe(true);
    expect(off(sam({ cosineEvery: 0 }))).toBe(true);
    expect(off({ ...sam({}), optimizer: 'sgd' })).toBe(true);
    expect(off(sam({}))).toBe(false);
    expect(off({ ...sam({}), optimizer: 'wasam' })).toBe(false);
  });
});
