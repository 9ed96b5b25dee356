import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Params } from '../types';
import { disposeParams } from './combine';
import { hessianLambdaMax } from './hessian';
import { finiteDifferenceHvp } from './testing/finite-difference';

/** L(w) = ½ Σ hᵢ wᵢ²: Hessian diag(h), λ_max = 10 with eigenvector e₀, the next one 9 (slow). */
const H = [10, 9, 8, 1, 0.5, 0.25];
const h = () => tf.tensor1d(H);
const lossFn = (p: Params) =>
  tf.tidy(() => tf.mul(0.5, tf.sum(tf.mul(h(), tf.square(p.w!)))) as tf.Scalar);

describe('power iteration with a warm start (init)', () => {
  it('converges in far fewer products from a nearby vector, which it leaves untouched', async () => {
    const params = { w: tf.ones([6]) };
    const cold = await hessianLambdaMax(finiteDifferenceHvp(lossFn), params, {
      seed: 1,
      tol: 1e-6,
    });
    const near = { w: tf.tensor1d([1, 0.01, 0.01, 0.01, 0.01, 0.01]) };
    const count = tf.memory().numTensors;
    const warm = await hessianLambdaMax(finiteDifferenceHvp(lossFn), params, {
      init: near,
      tol: 1e-6,
    });
    expect(warm.value).toBeCloseTo(10, 3);
    expect(cold.value).toBeCloseTo(10, 3);
    expect(warm.iterations).toBeLessThan(cold.iterations / 4);
    expect(Array.from(await near.w.data())).toEqual(
      [1, 0.01, 0.01, 0.01, 0.01, 0.01].map(Math.fround),
    );
    disposeParams(warm.vector);
    expect(tf.memory().numTensors).toBe(count);
    [params, cold.vector, near].forEach(disposeParams);
  });
});
