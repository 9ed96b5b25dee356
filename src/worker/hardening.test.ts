import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackendInfo, StepEvent, TrainConfig, TrainEvent } from '../domain/api';
import { DivergenceGuard } from './divergence';
import { RunControl } from './run-control';
import { syntheticDataset } from './testing/synthetic';
import { tinyConfig, tinyLandscape, trainedApi } from './testing/trained-api';
import { disposeTrainedModel, runTraining, type TrainHooks } from './train-loop';

const config = tinyConfig({
  subset: 200,
  model: 'mlp',
  batchSize: 20,
  epochs: 2,
  seed: 7,
  evalSamples: 40,
});

const landscape = tinyLandscape({ evalSamples: 30, seed: 3 });

const data = syntheticDataset(300, 60);

async function train(cfg: TrainConfig, hooks: Partial<TrainHooks> = {}) {
  const events: TrainEvent[] = [];
  const out = await runTraining(cfg, data, {
    control: new RunControl(),
    ...hooks,
    emit: (e) => {
      events.push(...e);
      hooks.emit?.(e);
    },
  });
  return { ...out, events };
}

const stepsOf = (events: TrainEvent[]) => events.filter((e): e is StepEvent => e.kind === 'step');

async function values(p: Record<string, tf.Tensor>): Promise<number[]> {
  const out: number[] = [];
  for (const t of Object.values(p)) out.push(...(await t.data()));
  return out;
}

describe('divergence (CPU backend)', () => {
  it('stops at the diverging step and keeps the last weights with a finite loss', async () => {
    const before = tf.memory().numTensors;
    const { summary, model, events } = await train({ ...config, lr: 1e6, momentum: 0.99 });
    const d = summary.diverged!;
    expect(summary.status).toBe('stopped');
    expect(d.message).toContain(
      `The loss diverged at step ${d.step} — try a smaller learning rate`,
    );
    expect(d.keptStep).toBeLessThan(d.step);
    expect(summary.steps).toBe(d.keptStep);
    const steps = stepsOf(events);
    expect(steps.every((e) => Number.isFinite(e.loss) && e.step < d.step)).toBe(true);
    expect((await values(model.params)).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(summary.final!.trainLoss)).toBe(true);
    disposeTrainedModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the pending weights unless they produced the diverging loss', () => {
    const w = (v: number) => ({ w: tf.scalar(v) });
    const guard = new DivergenceGuard(w(0), {}, 0);
    expect(guard.firstBad([{ step: 1, loss: 2 }])).toBeNull();
    guard.advance(w(1), {}, 1);
    guard.advance(w(2), {}, 3);
    // Exploding (more than 100× the first loss) counts like NaN.
    expect(
      guard.firstBad([
        { step: 4, loss: 2 },
        { step: 5, loss: 250 },
      ]),
    ).toBe(5);
    expect(guard.firstBad([{ step: 4, loss: NaN }])).toBe(4);
    const late = guard.takeKept(5);
    expect(late.step).toBe(3);
    tf.dispose(Object.values(late.params));
    const guard2 = new DivergenceGuard(w(0), {}, 0);
    guard2.advance(w(1), {}, 2);
    const early = guard2.takeKept(3);
    expect(early.step).toBe(0);
    tf.dispose(Object.values(early.params));
  });

  it('explores a diverged run: slice and grid of its kept weights are finite', async () => {
    const { api, summary } = await trainedApi(
      { ...config, lr: 1e6, momentum: 0.99 },
      async () => data,
    );
    expect(summary.diverged).toBeDefined();
    const slice = await api.slice1d(landscape, () => undefined);
    const grid = await api.grid2d(landscape, () => undefined);
    expect(slice.trainLoss.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(grid.trainLoss[1]![1]!)).toBe(true);
    await api.deleteRun(summary.runId!);
  });
});

describe('a lost device mid-run (CPU backend standing in for the fallback)', () => {
  it('continues from the last host checkpoint and trains exactly as an uninterrupted run', async () => {
    const before = tf.memory().numTensors;
    // With sharpness tracking on: its measurements survive the move, none of them twice.
    const tracked = { ...config, sharpnessEvery: 4 };
    const clean = await train(tracked);
    const control = new RunControl();
    let failed = false;
    const lost: BackendInfo = { active: 'cpu', requested: 'auto', fallbackReason: 'device lost' };
    const recovered = await train(tracked, {
      control,
      emit: (events) => {
        const past = events.some((e) => e.kind === 'step' && e.step > 12);
        if (past && !failed) control.fail('WebGPU device lost (destroyed)');
        failed ||= past;
      },
      recover: async () => {
        control.clearFailure();
        return lost;
      },
    });
    const moved = recovered.events.filter((e) => e.kind === 'backend');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ info: lost });
    // The epoch-end checkpoint at step 10, or a timed one after it if this machine is slow.
    const from = (moved[0] as { resumedFromStep: number }).resumedFromStep;
    expect(from).toBeGreaterThanOrEqual(10);
    expect(from).toBeLessThanOrEqual(13);
    expect(recovered.summary.status).toBe('finished');
    // Every step reported once, with the same losses: the resume is exact.
    expect(stepsOf(recovered.events).map((e) => [e.step, e.loss])).toEqual(
      stepsOf(clean.events).map((e) => [e.step, e.loss]),
    );
    expect(await values(recovered.model.params)).toEqual(await values(clean.model.params));
    expect(recovered.model.checkpoints).toHaveLength(3);
    const measured = (r: typeof clean) =>
      r.events.flatMap((e) => (e.kind === 'sharpness' ? [e.step] : []));
    expect(measured(recovered)).toEqual(measured(clean));
    expect(measured(clean)).toEqual([0, 4, 8, 12, 16, 20]);
    disposeTrainedModel(clean.model);
    disposeTrainedModel(recovered.model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails as before when the failure is not a lost device', async () => {
    const control = new RunControl();
    const run = train(config, {
      control,
      emit: () => control.fail('something else'),
      recover: async () => null,
    });
    await expect(run).rejects.toThrow('something else');
  });
});
