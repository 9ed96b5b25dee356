import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { MODEL_ZOO } from '../model/zoo';
import { initModel } from '../model/init';
import { makeLossAndGrad } from '../train/loss-and-grad';
import type { ModelState, Params } from '../types';
import { createOptimizer, type OptimizerState } from './create';
import { sgd } from './sgd';
import { disposeTensors } from './tensors';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * SAM's step as it was before p and second order existed (the code of `sam.ts` then, kept
 * here verbatim): e = ρ·g/(‖g‖₂ + 1e-12) over all params concatenated, g_SAM at w + e, SGD at w.
 */
function legacyStep(params: Params, state: ModelState, x: tf.Tensor4D, y: tf.Tensor1D) {
  const spec = MODEL_ZOO['bn-cnn'].spec([12, 12, 1]);
  const lag = makeLossAndGrad(spec, state, { x, y });
  const names = Object.keys(params);
  const first = lag(params, { updateState: true });
  const perturbed = tf.tidy(() => {
    const flat = (m: Params) => tf.concat(names.map((n) => tf.reshape(m[n]!, [-1])));
    const w = flat(params);
    const g = flat(first.grads);
    const norm = tf.sqrt(tf.sum(tf.square(g)));
    const scale = tf.div(0.05, tf.add(norm, 1e-12));
    const sum = tf.add(w, tf.mul(g, scale));
    const parts = tf.split(
      sum,
      names.map((n) => params[n]!.size),
    );
    const out: Params = {};
    names.forEach((n, i) => (out[n] = tf.reshape(parts[i]!, params[n]!.shape)));
    return out;
  });
  const second = lag(perturbed, { updateState: false });
  const base = sgd({ lr: 0.1, momentum: 0.9 });
  const st = base.init(params);
  const out = base.update(params, second.grads, st);
  base.disposeState(st);
  base.disposeState(out.optState);
  disposeTensors(first.grads, perturbed, second.grads, second.state);
  tf.dispose([first.loss, second.loss]);
  return { params: out.params, state: first.state! };
}

test('p = 2 first-order SAM is bitwise the SAM of before (BatchNorm CNN, one step)', async () => {
  const before = tf.memory().numTensors;
  const spec = MODEL_ZOO['bn-cnn'].spec([12, 12, 1]);
  const init = initModel(spec, 3);
  const x = tf.randomUniform([16, 12, 12, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
  const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5], 'int32');
  const want = legacyStep(init.params, init.state, x, y);
  const opt = createOptimizer({
    type: 'sam',
    base: { type: 'sgd', lr: 0.1, momentum: 0.9 },
    rho: 0.05,
    p: 2,
    secondOrder: false,
  });
  const st: OptimizerState = opt.init(init.params);
  const out = opt.step(init.params, st, makeLossAndGrad(spec, init.state, { x, y }));
  for (const [name, t] of Object.entries(want.params)) {
    expect(Array.from(await out.params[name]!.data()), name).toEqual(Array.from(await t.data()));
  }
  for (const [name, t] of Object.entries(want.state)) {
    expect(Array.from(await out.modelState[name]!.data()), name).toEqual(
      Array.from(await t.data()),
    );
  }
  opt.disposeState(st);
  opt.disposeState(out.optState);
  out.loss.dispose();
  disposeTensors(out.params, out.modelState, want.params, want.state, init.params, init.state);
  tf.dispose([x, y]);
  expect(tf.memory().numTensors).toBe(before);
});
