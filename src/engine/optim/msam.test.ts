import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { flat } from '../landscape/testing/setup';
import { initModel } from '../model/init';
import { MODEL_ZOO } from '../model/zoo';
import { makeLossAndGrad } from '../train/loss-and-grad';
import type { Batch, ModelSpec, Params } from '../types';
import { msam } from './msam';
import { sam } from './sam';
import { sgd } from './sgd';
import { disposeTensors } from './tensors';
import type { LossAndGrad, Optimizer } from './types';

function batch(n: number, shape: [number, number, number], seed: number): Batch {
  return {
    x: tf.randomUniform([n, ...shape], 0, 1, 'float32', seed) as tf.Tensor4D,
    y: tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % 10),
      'int32',
    ),
  };
}

/** One step of `opt` from seeded weights: weights, loss and moving statistics read back. */
async function oneStep(spec: ModelSpec, b: Batch, opt: Optimizer<unknown>) {
  const { params, state } = initModel(spec, 5);
  const s = opt.init(params);
  const out = opt.step(params, s, makeLossAndGrad(spec, state, b));
  const result = {
    params: await flat(out.params),
    loss: Array.from(await out.loss.data()),
    state: await flat(out.modelState),
  };
  disposeTensors(params, state, out.params, out.modelState);
  opt.disposeState(s);
  opt.disposeState(out.optState);
  out.loss.dispose();
  return result;
}

describe('m-SAM (Foret et al. 2021 §4.1)', () => {
  const base = () => sgd({ lr: 0.1, momentum: 0.9, weightDecay: 5e-4 });

  test.each(['mlp', 'bn-cnn'] as const)('m = B is SAM bit for bit (%s)', async (id) => {
    const spec = MODEL_ZOO[id].spec([12, 12, 1]);
    const b = batch(8, [12, 12, 1], 3);
    const plain = await oneStep(spec, b, sam(base(), { rho: 0.05 }));
    const whole = await oneStep(spec, b, msam(base(), { rho: 0.05, m: 8 }));
    expect(whole).toEqual(plain);
    // A smaller m is a different step (the ε differ), so the comparison above can fail.
    const small = await oneStep(spec, b, msam(base(), { rho: 0.05, m: 2 }));
    expect(small.params).not.toEqual(plain.params);
    tf.dispose([b.x, b.y]);
  });

  test('is the mean of the sub-batches’ SAM gradients (linear least squares, by hand)', async () => {
    // L_S(w) = mean over rows r of S of ½(x_r·w − y_r)²; g_S = mean of (x_r·w − y_r)·x_r.
    const X = [
      [1, 2],
      [0.5, -1],
      [2, 0],
      [-1, 1.5],
    ];
    const Y = [1, 0, -2, 3];
    const w0 = [0.3, -0.2];
    const [rho, lr, m] = [0.1, 0.5, 2];
    const grad = (w: number[], rows: number[]) => {
      const g: [number, number] = [0, 0];
      for (const r of rows) {
        const res = X[r]![0]! * w[0]! + X[r]![1]! * w[1]! - Y[r]!;
        g[0] += (res * X[r]![0]!) / rows.length;
        g[1] += (res * X[r]![1]!) / rows.length;
      }
      return g;
    };
    const want: [number, number] = [0, 0];
    for (const rows of [
      [0, 1],
      [2, 3],
    ]) {
      const g = grad(w0, rows);
      const norm = Math.hypot(g[0]!, g[1]!);
      const e = g.map((v) => (rho * v) / (norm + 1e-12));
      const gs = grad([w0[0]! + e[0]!, w0[1]! + e[1]!], rows);
      want[0] += gs[0]! / 2;
      want[1] += gs[1]! / 2;
    }
    const x = tf.tensor2d(X);
    const y = tf.tensor1d(Y);
    const lag: LossAndGrad = Object.assign(
      (params: Params, { updateState, rows }: Parameters<LossAndGrad>[1]) => {
        const { start, size } = rows ?? { start: 0, size: 4 };
        const f = (w: tf.Tensor) =>
          tf.tidy(() => {
            const xs = tf.slice(x, [start, 0], [size, 2]);
            const r = tf.sub(
              tf.squeeze(tf.matMul(xs, tf.reshape(w, [2, 1]))),
              tf.slice(y, start, size),
            );
            return tf.mean(tf.mul(tf.square(r), 0.5)) as tf.Scalar;
          });
        const { value, grad: g } = tf.valueAndGrad(f)(params.w!);
        return { loss: value, grads: { w: g }, ...(updateState ? { state: {} } : {}) };
      },
      { batchSize: 4 },
    );
    const opt = msam(sgd({ lr }), { rho, m });
    const p = { w: tf.tensor1d(w0) };
    const s = opt.init(p);
    const before = tf.memory().numTensors;
    const out = opt.step(p, s, lag);
    const got = Array.from(await out.params.w!.data());
    got.forEach((v, i) => expect(v).toBeCloseTo(w0[i]! - lr * want[i]!, 6));
    // Returned: params (1), loss (1); no optimizer state for plain SGD; nothing else survives.
    expect(tf.memory().numTensors).toBe(before + 2);
    disposeTensors(out.params);
    out.loss.dispose();
    tf.dispose([x, y, p.w]);
  });

  test('leaks nothing across steps on a BatchNorm model; refuses an m that does not divide B', async () => {
    const spec = MODEL_ZOO['bn-cnn'].spec([12, 12, 1]);
    const b = batch(8, [12, 12, 1], 4);
    const opt = msam(base(), { rho: 0.05, m: 2 });
    const init = initModel(spec, 2);
    let [p, st, s] = [init.params, init.state, opt.init(init.params)];
    const step = () => {
      const out = opt.step(p, s, makeLossAndGrad(spec, st, b));
      disposeTensors(p, st);
      opt.disposeState(s);
      out.loss.dispose();
      [p, st, s] = [out.params, out.modelState, out.optState];
    };
    step();
    const before = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(before);
    const bad = msam(base(), { rho: 0.05, m: 3 });
    expect(() => bad.step(p, s, makeLossAndGrad(spec, st, b))).toThrow(
      /does not divide the batch size 8/,
    );
    expect(tf.memory().numTensors).toBe(before);
    disposeTensors(p, st);
    opt.disposeState(s);
    tf.dispose([b.x, b.y]);
  });
});
