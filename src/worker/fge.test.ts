import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { StepEvent, TrainConfig, TrainEvent } from '../domain/api';
import { armConfig, FGE_VS_SWA, quick } from '../domain/reproduce/presets';
import { createWorkerApi } from './service';
import { optimizerPlan } from './optimizer-config';
import { RunControl } from './run-control';
import { syntheticDataset } from './testing/synthetic';
import { syntheticLoader, tinyConfig } from './testing/trained-api';
import { disposeTrainedModel, runTraining } from './train-loop';

// 200 samples in batches of 20: 10 steps per epoch, 4 epochs = 40 steps; cycles of 6 steps
// from step ⌊0.5·40⌋ = 20 on, so the midpoints are steps 23, 29, 35 (39 + 2 > 40).
const fge: TrainConfig = tinyConfig({
  optimizer: 'fge',
  subset: 200,
  batchSize: 20,
  epochs: 4,
  seed: 5,
  lr: 0.1,
  evalSamples: 40,
  flat: { swaStart: 0.5, cycle: 6, swaLr: 0.001 },
});

async function train(cfg: TrainConfig) {
  const events: TrainEvent[] = [];
  const out = await runTraining(cfg, syntheticDataset(300, 60), {
    control: new RunControl(),
    emit: (e) => events.push(...e),
  });
  return { ...out, steps: events.filter((e): e is StepEvent => e.kind === 'step') };
}

describe('FGE runs', () => {
  it('the preset: 10 snapshots, one per two-epoch cycle after step 620, shared by SWA', () => {
    const p = FGE_VS_SWA;
    const spe = Math.floor(p.train.subset / p.train.batchSize);
    const fgePlan = optimizerPlan(armConfig(p, p.arms[1]!, 1), spe);
    const swaPlan = optimizerPlan(armConfig(p, p.arms[2]!, 1), spe);
    const sgdPlan = optimizerPlan(armConfig(p, p.arms[0]!, 1), spe);
    expect(fgePlan.snapshots).toEqual({ startStep: 620 + 31, every: 62 });
    expect(swaPlan.swa).toEqual(fgePlan.snapshots);
    expect(sgdPlan.flat.schedule).toBe('sgd_baseline');
    const steps = p.train.epochs * spe;
    const taken = Array.from({ length: steps }, (_, i) => i + 1).filter(
      (s) => s >= 651 && (s - 651) % 62 === 0,
    );
    expect(taken).toHaveLength(10);
    for (const s of taken) expect(fgePlan.lr(1, s)).toBeCloseTo(0.001, 12);
    // The quick variant still takes one snapshot (2 steps per epoch, 4 steps).
    const q = optimizerPlan(armConfig(quick(p), p.arms[1]!, 1), 2);
    expect(q.snapshots).toEqual({ startStep: 3, every: 2 });
  });

  it('plan the cycle: α1 until the start, α2 at each midpoint, SWA averaging there too', () => {
    const plan = optimizerPlan(fge, 10);
    expect(plan.snapshots).toEqual({ startStep: 23, every: 6 });
    expect(plan.flat.schedule).toBe('fge');
    expect(plan.lr(1, 20)).toBe(0.1);
    for (const s of [23, 29, 35]) expect(plan.lr(1, s)).toBeCloseTo(0.001, 15);
    expect(plan.lr(1, 26)).toBeCloseTo(0.1, 15);
    const swa = optimizerPlan(
      { ...fge, optimizer: 'swa', flat: { ...fge.flat, schedule: 'fge' } },
      10,
    );
    expect(swa.swa).toEqual(plan.snapshots);
    expect(swa.snapshots).toBeNull();
    expect(() => optimizerPlan({ ...fge, flat: { ...fge.flat, cycle: 60 } }, 10)).toThrow(
      /midpoint/,
    );
  });

  it('keep a snapshot after exactly the midpoint steps, at lr α2, and free them', async () => {
    const before = tf.memory().numTensors;
    const { model, steps, summary } = await train(fge);
    expect(summary.status).toBe('finished');
    expect(model.snapshots.map((s) => s.step)).toEqual([23, 29, 35]);
    for (const s of model.snapshots) expect(steps[s.step - 1]!.lr).toBeCloseTo(0.001, 12);
    // SWA on the same cycle, same seed: the same trajectory, averaged at the same steps.
    const swa = await train({ ...fge, optimizer: 'swa', flat: { ...fge.flat, schedule: 'fge' } });
    expect(swa.model.averaged?.nAveraged).toBe(3);
    const mean = tf.tidy(() =>
      tf.div(tf.addN(model.snapshots.map((s) => s.params['layer0/kernel']!)), 3),
    );
    const avg = swa.model.averaged!.params['layer0/kernel']!;
    const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(mean, avg))));
    expect((await gap.data())[0]).toBeLessThan(1e-6);
    tf.dispose([mean, gap]);
    disposeTrainedModel(model);
    disposeTrainedModel(swa.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the worker analyses the run: finite curves, k forward passes for FGE', async () => {
    const api = createWorkerApi(syntheticLoader(300, 60));
    await api.init('cpu');
    await api.loadDataset('mnist');
    const summary = await api.train(fge, () => undefined);
    const info = (await api.listRuns()).find((r) => r.id === summary.runId)!;
    expect(info.snapshots).toBe(3);
    const r = await api.ensembles({ runId: info.id, evalSamples: 40 }, () => {});
    expect(r.k).toEqual([1, 2, 3]);
    expect(r.steps).toEqual([23, 29, 35]);
    expect([...r.fgeAcc, ...r.swaAcc, ...r.fgeMs, ...r.swaMs].every(Number.isFinite)).toBe(true);
    // Again on the cached evaluation samples: the job leaves no tensor behind.
    const before = tf.memory().numTensors;
    const again = await api.ensembles({ runId: info.id, evalSamples: 40 }, () => {});
    expect(again.fgeAcc).toEqual(r.fgeAcc);
    expect(tf.memory().numTensors).toBe(before);
  });
});
