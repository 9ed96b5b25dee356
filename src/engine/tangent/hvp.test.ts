import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flat, scalar } from '../landscape/testing/setup';
import { disposeParams, dotParams } from '../landscape/combine';
import { randomDirection } from '../landscape/directions';
import { gradient } from '../landscape/sharpness-core';
import { finiteDifferenceHvp } from '../landscape/testing/finite-difference';
import { initModel } from '../model/init';
import type { ModelSpec, ModelState, Params } from '../types';
import { directionalDerivative, modelObjective } from './hvp';

/** ReLU, max-pool (with a dropped row: 7 → 3), 'same' and 'valid' convs and eval BatchNorm. */
const KINKED: ModelSpec = {
  input: [9, 9, 1],
  layers: [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same', bias: true },
    { type: 'batchnorm', eps: 1e-5, momentum: 0.1 },
    { type: 'relu' },
    { type: 'conv2d', filters: 4, kernel: 3, padding: 'valid', bias: false },
    { type: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 5, bias: true },
    { type: 'relu' },
    { type: 'dense', units: 3, bias: true },
  ],
};

/** The same shapes without kinks (no ReLU, no max-pool): smooth, so FD is accurate. */
const SMOOTH: ModelSpec = {
  input: [9, 9, 1],
  layers: [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'same', bias: true },
    { type: 'batchnorm', eps: 1e-5, momentum: 0.1 },
    { type: 'conv2d', filters: 2, kernel: 3, padding: 'valid', bias: false },
    { type: 'flatten' },
    { type: 'dense', units: 3, bias: true },
  ],
};

let x: tf.Tensor4D;
let y: tf.Tensor1D;

beforeAll(async () => {
  x = tf.randomUniform([12, 9, 9, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
  y = tf.tensor1d(
    Array.from({ length: 12 }, (_, i) => (i * 5) % 3),
    'int32',
  );
});
afterAll(() => tf.dispose([x, y]));

/** Non-trivial BatchNorm statistics, so the eval-mode normalisation is not the identity. */
function stateFor(spec: ModelSpec, seed: number): ModelState {
  const { state } = initModel(spec, seed);
  const out: ModelState = {};
  for (const [n, t] of Object.entries(state)) {
    out[n] = n.endsWith('mean') ? tf.fill(t.shape, 0.2) : tf.fill(t.shape, 1.7);
    t.dispose();
  }
  return out;
}

describe('exact Hessian-vector products (forward-mode tangents, reverse mode on top)', () => {
  it('the tangent pass gives ∇L·v through conv, BatchNorm, ReLU and max-pool', async () => {
    const { params } = initModel(KINKED, 1);
    const state = stateFor(KINKED, 1);
    const v = randomDirection(params, 2);
    const obj = modelObjective(KINKED, state, x, y);
    const g = gradient(obj.loss, params);
    const want = await scalar(dotParams(g, v));
    const got = await scalar(directionalDerivative(KINKED, state, x, y, params, v));
    expect(Math.abs(got - want)).toBeLessThan(1e-5 * Math.max(1, Math.abs(want)));
    expect(Math.abs(want)).toBeGreaterThan(1e-3);
    [params, state, v, g].forEach(disposeParams);
  });

  it('equals central differences of gradients on a smooth model', async () => {
    const { params } = initModel(SMOOTH, 3);
    const state = stateFor(SMOOTH, 3);
    const v = randomDirection(params, 4);
    const obj = modelObjective(SMOOTH, state, x, y);
    const exact = await flat(obj.hvp(params, v));
    const fd = await flat(finiteDifferenceHvp(obj.loss, 1e-2)(params, v));
    const scale = Math.sqrt(exact.reduce((a, b) => a + b * b, 0));
    const err = Math.sqrt(exact.reduce((a, e, i) => a + (e - fd[i]!) ** 2, 0));
    expect(scale).toBeGreaterThan(1e-2);
    expect(err / scale).toBeLessThan(2e-3);
    [params, state, v].forEach(disposeParams);
  });

  it('is symmetric (uᵀHv = vᵀHu), linear in v, and leaks nothing, on the kinked model', async () => {
    const { params } = initModel(KINKED, 6);
    const state = stateFor(KINKED, 6);
    const [u, v] = [randomDirection(params, 7), randomDirection(params, 8)];
    const { hvp } = modelObjective(KINKED, state, x, y);
    const twice = tf.tidy(() => {
      const v2: Params = {};
      for (const [n, t] of Object.entries(v)) v2[n] = tf.mul(t, 2);
      return v2;
    });
    const before = tf.memory().numTensors;
    const [hu, hv] = [hvp(params, u), hvp(params, v)];
    const uhv = await scalar(dotParams(u, hv));
    const vhu = await scalar(dotParams(v, hu));
    expect(Math.abs(uhv - vhu)).toBeLessThan(1e-4 * Math.max(1, Math.abs(uhv)));
    const h2 = hvp(params, twice);
    const h2v = await flat(h2);
    (await flat(hv)).forEach((e, i) => expect(h2v[i]).toBeCloseTo(2 * e, 4));
    [hu, hv, h2].forEach(disposeParams);
    expect(tf.memory().numTensors).toBe(before);
    [params, state, u, v, twice].forEach(disposeParams);
  });
});
