import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import type { Params } from '../types';
import { disposeParams } from './combine';
import { hessianLambdaMax, hessianTopEigen } from './hessian';
import { finiteDifferenceHvp } from './testing/finite-difference';

/** L(w) = ½ Σ hᵢ wᵢ² with one large NEGATIVE curvature (a saddle), so |λ| is largest below 0. */
const H = [-9, 3, 1, 0.5, 2, -1];

it('hessianLambdaMax returns the largest eigenvalue even when a negative one dominates', async () => {
  const h = tf.tensor1d(H);
  const lossFn = (p: Params) =>
    tf.tidy(() => tf.mul(0.5, tf.sum(tf.mul(h, tf.square(p.w!)))) as tf.Scalar);
  const params: Params = { w: tf.tensor1d([0.1, -0.2, 0.3, 0.05, -0.1, 0.2]) };
  const before = tf.memory().numTensors;
  const top = await hessianTopEigen(finiteDifferenceHvp(lossFn), params, { seed: 1, maxIter: 200 });
  expect(top.value).toBeCloseTo(-9, 2);
  disposeParams(top.vector);
  const max = await hessianLambdaMax(finiteDifferenceHvp(lossFn), params, {
    seed: 1,
    maxIter: 400,
  });
  expect(max.value).toBeCloseTo(3, 2);
  // Its eigenvector is the coordinate of curvature 3.
  const v = await max.vector.w!.data();
  expect(Math.abs(v[1]!)).toBeGreaterThan(0.99);
  disposeParams(max.vector);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([h, params.w!]);
});
