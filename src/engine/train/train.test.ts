import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { initModel } from '../model/init';
import { MODEL_ZOO } from '../model/zoo';
import { createOptimizer, type OptimizerConfig } from '../optim/create';
import type { Batch, ModelSpec } from '../types';
import { makeLossAndGrad } from './loss-and-grad';
import { createTrainer } from './step';

function makeBatch(
  n: number,
  shape: [number, number, number],
  classes: number,
  seed: number,
): Batch {
  return {
    x: tf.randomUniform([n, ...shape], 0, 1, 'float32', seed) as tf.Tensor4D,
    y: tf.tensor1d(
      Array.from({ length: n }, (_, i) => (i * 7 + seed) % classes),
      'int32',
    ),
  };
}

test('LossAndGrad of softmax regression: ∇W = Xᵀ(softmax − onehot)/N', async () => {
  const spec: ModelSpec = {
    input: [1, 1, 3],
    layers: [{ type: 'flatten' }, { type: 'dense', units: 2, bias: true }],
  };
  const X = [
    [1, 0, 2],
    [0.5, -1, 0],
  ];
  const Y = [1, 0];
  const W = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6]; // [3, 2] row-major
  const b = [0.05, -0.05];
  const params = { 'layer1/kernel': tf.tensor2d(W, [3, 2]), 'layer1/bias': tf.tensor1d(b) };
  const batch = { x: tf.tensor4d(X.flat(), [2, 1, 1, 3]), y: tf.tensor1d(Y, 'int32') };
  const { loss, grads, state } = makeLossAndGrad(spec, {}, batch)(params, { updateState: true });
  const gW = new Array(6).fill(0);
  const gb = [0, 0];
  let want = 0;
  X.forEach((x, n) => {
    const z = [0, 1].map((k) => b[k]! + x.reduce((s, xi, i) => s + xi * W[i * 2 + k]!, 0));
    const lse = Math.log(Math.exp(z[0]!) + Math.exp(z[1]!));
    want += (lse - z[Y[n]!]!) / 2;
    [0, 1].forEach((k) => {
      const d = (Math.exp(z[k]! - lse) - (Y[n] === k ? 1 : 0)) / 2;
      gb[k] = gb[k]! + d;
      x.forEach((xi, i) => (gW[i * 2 + k] += xi * d));
    });
  });
  expect((await loss.data())[0]).toBeCloseTo(want, 6);
  Array.from(await grads['layer1/kernel']!.data()).forEach((g, i) =>
    expect(g).toBeCloseTo(gW[i]!, 6),
  );
  Array.from(await grads['layer1/bias']!.data()).forEach((g, i) =>
    expect(g).toBeCloseTo(gb[i]!, 6),
  );
  expect(state).toEqual({});
  tf.dispose([loss, ...Object.values(grads), ...Object.values(params), batch.x, batch.y]);
});

const configs: Record<string, OptimizerConfig> = {
  sgd: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 },
  adam: { type: 'adam', lr: 0.001 },
  sam: { type: 'sam', rho: 0.05, base: { type: 'sgd', lr: 0.05, momentum: 0.9 } },
  asam: { type: 'sam', rho: 0.5, adaptive: true, base: { type: 'sgd', lr: 0.05 } },
  swa: { type: 'swa', base: { type: 'sgd', lr: 0.05 }, swa: { startStep: 1, every: 1 } },
  wasam: {
    type: 'wasam',
    rho: 0.05,
    base: { type: 'adam', lr: 0.001 },
    swa: { startStep: 2, every: 1 },
  },
};

async function train(spec: ModelSpec, cfg: OptimizerConfig, seed: number, steps: number) {
  const trainer = createTrainer(spec, createOptimizer(cfg));
  const { params, state } = initModel(spec, seed);
  let ts = trainer.init(params, state);
  const batch = makeBatch(8, spec.input, 10, 3);
  const losses: tf.Scalar[] = [];
  const counts: number[] = [];
  for (let s = 0; s < steps; s++) {
    const before = tf.memory().numTensors;
    const out = trainer.step(ts, batch);
    ts = out.trainState;
    out.loss.dispose();
    counts.push(tf.memory().numTensors - before);
    losses.push(out.loss);
  }
  const final = await ts.params[Object.keys(ts.params)[0]!]!.data();
  trainer.dispose(ts);
  tf.dispose([batch.x, batch.y]);
  return { counts, final: Array.from(final), steps: ts.step };
}

describe('trainer', () => {
  const spec = MODEL_ZOO['bn-cnn'].spec([10, 10, 1]);
  for (const [name, cfg] of Object.entries(configs)) {
    test(`${name}: no tensor leaks per step, none left after dispose`, async () => {
      const start = tf.memory().numTensors;
      const r = await train(spec, cfg, 1, 4);
      // SWA adds its average once (the first averaged step); after that every step is flat.
      expect(r.counts.slice(2)).toEqual([0, 0]);
      expect(r.steps).toBe(4);
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  test('same seed → identical weights and losses after a few steps', async () => {
    const a = await train(spec, configs.sam!, 11, 3);
    const b = await train(spec, configs.sam!, 11, 3);
    const c = await train(spec, configs.sam!, 12, 3);
    expect(a.final).toEqual(b.final);
    expect(a.final).not.toEqual(c.final);
  });

  test('losses decrease on a fixed batch', async () => {
    const trainer = createTrainer(spec, createOptimizer(configs.sgd!));
    const { params, state } = initModel(spec, 2);
    let ts = trainer.init(params, state);
    const batch = makeBatch(16, spec.input, 10, 5);
    const losses: tf.Scalar[] = [];
    for (let s = 0; s < 20; s++) {
      const out = trainer.step(ts, batch);
      ts = out.trainState;
      losses.push(out.loss);
    }
    const stacked = tf.stack(losses);
    const v = await stacked.data(); // one readback for all the losses
    expect(v[19]).toBeLessThan(v[0]! * 0.7);
    tf.dispose([stacked, ...losses, batch.x, batch.y]);
    trainer.dispose(ts);
  });
});
