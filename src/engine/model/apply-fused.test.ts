import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { softmaxCrossEntropy } from '../loss';
import type { ModelState, Params } from '../types';
import { apply } from './apply';
import { initModel } from './init';
import { MODEL_ZOO, type ZooModelId } from './zoo';

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = await Promise.all([a.data(), b.data()]);
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}

async function maxAbs(t: tf.Tensor): Promise<number> {
  return Math.max(...Array.from(await t.data(), Math.abs));
}

/** Loss, gradients and new moving statistics of one train-mode pass, fused or not. */
function lossAndGrads(id: ZooModelId, params: Params, state: ModelState, fused: boolean) {
  const spec = MODEL_ZOO[id].spec([28, 28, 1]);
  const x = tf.randomUniform([6, 28, 28, 1], 0, 1, 'float32', 21) as tf.Tensor4D;
  const y = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
  const names = Object.keys(params);
  let newState: ModelState = {};
  const f = (...ws: tf.Tensor[]) => {
    const p = Object.fromEntries(names.map((n, i) => [n, ws[i]!]));
    const out = apply(spec, p, state, x, 'train', { fused });
    newState = out.state;
    return softmaxCrossEntropy(out.logits, y);
  };
  const { value, grads } = tf.valueAndGrads(f)(names.map((n) => params[n]!));
  tf.dispose([x, y]);
  return { value, grads: Object.fromEntries(names.map((n, i) => [n, grads[i]!])), newState };
}

describe('fused forward pass (tf.fused conv2d / matMul) against the plain ops', () => {
  for (const id of Object.keys(MODEL_ZOO) as ZooModelId[]) {
    test(`${id}: eval logits, train loss, gradients and moving statistics agree`, async () => {
      const spec = MODEL_ZOO[id].spec([28, 28, 1]);
      const { params, state } = initModel(spec, 5);
      const before = tf.memory().numTensors;
      const x = tf.randomUniform([5, 28, 28, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
      const fusedEval = apply(spec, params, state, x, 'eval').logits;
      const plainEval = apply(spec, params, state, x, 'eval', { fused: false }).logits;
      const scale = await maxAbs(plainEval);
      expect(scale).toBeGreaterThan(0.1); // not a degenerate all-zero comparison
      expect(await maxAbsDiff(fusedEval, plainEval)).toBeLessThanOrEqual(1e-6 * (1 + scale));

      const a = lossAndGrads(id, params, state, true);
      const b = lossAndGrads(id, params, state, false);
      expect(await maxAbsDiff(a.value, b.value)).toBeLessThanOrEqual(1e-6);
      for (const n of Object.keys(params)) {
        const gScale = await maxAbs(b.grads[n]!);
        const diff = await maxAbsDiff(a.grads[n]!, b.grads[n]!);
        expect(diff, n).toBeLessThanOrEqual(1e-5 * gScale + 1e-7);
      }
      for (const n of Object.keys(b.newState))
        expect(await maxAbsDiff(a.newState[n]!, b.newState[n]!), n).toBeLessThanOrEqual(1e-6);
      tf.dispose([x, fusedEval, plainEval, a.value, b.value]);
      for (const r of [a, b]) tf.dispose([...Object.values(r.grads), ...Object.values(r.newState)]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([...Object.values(params), ...Object.values(state)]);
    });
  }

  test('the fused path really runs fused kernels (and the plain path none)', async () => {
    const spec = MODEL_ZOO.lenet5.spec([28, 28, 1]);
    const { params, state } = initModel(spec, 5);
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
    const kernels = async (fused: boolean) =>
      (await tf.profile(() => apply(spec, params, state, x, 'eval', { fused }).logits)).kernels.map(
        (k) => k.name,
      );
    const fusedNames = await kernels(true);
    expect(fusedNames.filter((k) => k === 'FusedConv2D')).toHaveLength(2);
    expect(fusedNames.filter((k) => k === '_FusedMatMul')).toHaveLength(3);
    expect(fusedNames).not.toContain('Relu');
    const plainNames = await kernels(false);
    expect(plainNames.some((k) => k.startsWith('Fused') || k.startsWith('_Fused'))).toBe(false);
    tf.dispose([x, ...Object.values(params), ...Object.values(state)]);
  });
});
