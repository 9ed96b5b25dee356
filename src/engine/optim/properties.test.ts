import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { flat } from '../landscape/testing/setup';
import { initModel } from '../model/init';
import { MODEL_ZOO } from '../model/zoo';
import { makeLossAndGrad } from '../train/loss-and-grad';
import type { Batch, Params } from '../types';
import { createOptimizer, type OptimizerConfig } from './create';
import type { SwaState } from './swa';
import { disposeTensors } from './tensors';
import type { LossAndGrad } from './types';

/** Property tests of issue "Flat-minima optimizers" on a real (BatchNorm-free) CNN. */

const spec = MODEL_ZOO['tiny-cnn'].spec([12, 12, 1]);

function batch(): Batch {
  return {
    x: tf.randomUniform([6, 12, 12, 1], 0, 1, 'float32', 4) as tf.Tensor4D,
    y: tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32'),
  };
}

/** k steps of `cfg` from the same initial weights on the same batch; returns the final weights. */
async function run(cfg: OptimizerConfig, k: number, lag?: LossAndGrad) {
  const { params } = initModel(spec, 11);
  const b = batch();
  const opt = createOptimizer(cfg);
  let p = params;
  let s = opt.init(p);
  const snapshots: number[][] = [];
  for (let i = 0; i < k; i++) {
    const out = opt.step(p, s, lag ?? makeLossAndGrad(spec, {}, b));
    disposeTensors(p, out.modelState);
    opt.disposeState(s);
    out.loss.dispose();
    p = out.params;
    s = out.optState;
    snapshots.push(await flat(p));
  }
  const result = { final: await flat(p), snapshots, state: s };
  const avg = cfg.type === 'swa' ? await flat((s as SwaState<unknown>).avg!) : null;
  disposeTensors(p);
  opt.disposeState(s);
  tf.dispose([b.x, b.y]);
  return { ...result, avg };
}

const sgdBase = { type: 'sgd' as const, lr: 0.1, momentum: 0.9, weightDecay: 5e-4 };

describe('optimizer properties (CPU backend)', () => {
  test('SAM with ρ = 0 equals its base optimizer exactly (no BatchNorm)', async () => {
    const base = await run(sgdBase, 3);
    const sam = await run({ type: 'sam', base: sgdBase, rho: 0 }, 3);
    expect(sam.final).toEqual(base.final);
    const adamBase = { type: 'adam' as const, lr: 0.01 };
    expect((await run({ type: 'sam', base: adamBase, rho: 0 }, 2)).final).toEqual(
      (await run(adamBase, 2)).final,
    );
  });

  test('learning rate 0 leaves the weights bitwise unchanged for every optimizer', async () => {
    const { params } = initModel(spec, 11);
    const w0 = await flat(params);
    disposeTensors(params);
    const zero = { type: 'sgd' as const, lr: 0, momentum: 0.9 };
    const configs: OptimizerConfig[] = [
      zero,
      { type: 'adam', lr: 0 },
      { type: 'sam', base: zero, rho: 0.05 },
      { type: 'sam', base: zero, rho: 0.5, adaptive: true },
      { type: 'swa', base: zero, swa: { startStep: 1, every: 1 } },
      { type: 'wasam', base: zero, rho: 0.05, swa: { startStep: 1, every: 1 } },
    ];
    for (const cfg of configs) expect((await run(cfg, 2)).final, cfg.type).toEqual(w0);
  });

  test('the SWA average after k updates is the mean of the k snapshots', async () => {
    const r = await run({ type: 'swa', base: sgdBase, swa: { startStep: 1, every: 1 } }, 4);
    const mean = r.snapshots[0]!.map((_, j) => r.snapshots.reduce((s, w) => s + w[j]!, 0) / 4);
    r.avg!.forEach((v, j) => expect(v).toBeCloseTo(mean[j]!, 6));
  });

  test('a zero gradient gives no NaN (SAM divides by ‖g‖ + 1e-12)', async () => {
    const zeroGrad: LossAndGrad = (params, { updateState }) => {
      const grads: Params = {};
      for (const [k, t] of Object.entries(params)) grads[k] = tf.zerosLike(t);
      return { loss: tf.scalar(1), grads, ...(updateState ? { state: {} } : {}) };
    };
    for (const cfg of [
      { type: 'sam', base: sgdBase, rho: 0.05 },
      { type: 'sam', base: sgdBase, rho: 0.5, adaptive: true },
      { type: 'adam', lr: 0.01 },
    ] as OptimizerConfig[]) {
      const r = await run(cfg, 2, zeroGrad);
      expect(r.final.every(Number.isFinite), cfg.type).toBe(true);
    }
  });
});
