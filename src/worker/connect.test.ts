import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ConnectConfig, WeightsRef } from '../domain/api';
import { barrier } from '../domain/reproduce/verdict';
import { syntheticLoader, tinyConfig, trainedApi } from './testing/trained-api';

const loader = syntheticLoader(200, 40);

function connectConfig(a: WeightsRef, b: WeightsRef, over: Partial<ConnectConfig> = {}) {
  const base: ConnectConfig = {
    a,
    b,
    kind: 'bezier',
    epochs: 2,
    batchSize: 20,
    lr: 0.05,
    momentum: 0.9,
    weightDecay: 0,
    points: 5,
    gridPoints: 4,
    evalSamples: 40,
    seed: 1,
  };
  return { ...base, ...over };
}

describe('connecting two runs through the worker API', () => {
  it('trains the bend, evaluates line, curve and plane; ends agree; no leaks', async () => {
    const config = tinyConfig({ subset: 100, seed: 2, evalSamples: 40, epochs: 2 });
    const { api, runId } = await trainedApi(config, loader);
    const other = await api.train({ ...config, seed: 5 }, () => undefined);
    const a = { runId, which: 'final' as const };
    const b = { runId: other.runId!, which: 'final' as const };
    const progress: number[] = [];
    const r = await api.connect(connectConfig(a, b), (p) => progress.push(p.done / p.total));
    // 2 epochs of 5 batches each: one loss and one t per step.
    expect(r.training.loss).toHaveLength(10);
    expect(r.training.t.every((t) => t >= 0 && t < 1)).toBe(true);
    expect(progress.at(-1)).toBeCloseTo(1, 9);
    expect(r.t).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // Both paths start at w₁ and end at w₂ exactly (BatchNorm-free model, same samples).
    expect(r.curve.trainLoss[0]).toBe(r.line.trainLoss[0]);
    expect(r.curve.testLoss[4]).toBe(r.line.testLoss[4]);
    expect(r.lineBarrier.train).toBe(barrier(r.t, r.line.trainLoss));
    expect(r.curveBarrier.test).toBe(barrier(r.t, r.curve.testLoss));
    const plane = r.plane!;
    expect(plane.trainLoss).toHaveLength(4);
    expect(plane.trainLoss.flat().every(Number.isFinite)).toBe(true);
    expect(plane.w2[0]).toBeGreaterThan(0);
    expect(plane.bend[1]).toBeGreaterThan(0);
    expect(plane.curve.x[0]).toBe(0);
    expect(plane.curve.x[4]).toBeCloseTo(plane.w2[0], 6);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);

    // Same seed, same curve, and nothing left behind (the evaluation samples stay cached from the
    // first job); the polygonal chain passes through the bend at t = 0.5.
    const before = tf.memory().numTensors;
    const again = await api.connect(connectConfig(a, b), () => undefined);
    expect(tf.memory().numTensors).toBe(before);
    expect(again.curve.trainLoss).toEqual(r.curve.trainLoss);
    const chain = await api.connect(connectConfig(a, b, { kind: 'polychain' }), () => undefined);
    expect(chain.plane!.curve.x[2]).toBe(chain.plane!.bend[0]);
    expect(chain.plane!.curve.y[2]).toBe(chain.plane!.bend[1]);
    const noPlane = await api.connect(connectConfig(a, b, { gridPoints: 0 }), () => undefined);
    expect(noPlane.plane).toBeNull();
    expect(noPlane.curveBarrier).toEqual(r.curveBarrier);
  });

  it('cancel() stops it during training with a CancelledError and leaks nothing', async () => {
    const config = tinyConfig({ subset: 100, seed: 2, evalSamples: 40 });
    const { api, runId } = await trainedApi(config, loader);
    const a = { runId, which: 'initial' as const };
    const b = { runId, which: 'final' as const };
    const before = tf.memory().numTensors;
    let calls = 0;
    const job = api.connect(connectConfig(a, b, { epochs: 10 }), () => {
      calls += 1;
      if (calls === 1) void api.cancel();
    });
    await expect(job).rejects.toMatchObject({ name: 'CancelledError' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
