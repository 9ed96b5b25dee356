import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { flat, fromFlat, TOY_H, TOY_SHAPES } from './testing/setup';
import type { Params } from '../types';
import { disposeParams } from './combine';
import { randomDirection } from './directions';
import type { HvpFn } from '../tangent/hvp';
import { hessianTopEigen, hessianTrace } from './hessian';
import { gradient } from './sharpness-core';
import { finiteDifferenceHvp } from './testing/finite-difference';

// Curvatures: one clearly dominant, so power iteration converges quickly.
const [SHAPES, H] = [TOY_SHAPES, TOY_H];

/** L(w) = ½ Σ hᵢ wᵢ² + ¼ Σ wᵢ⁴: Hessian diag(hᵢ + 3wᵢ²), not constant, so FD error shows. */
function toyLoss(): { lossFn: (p: Params) => tf.Scalar; hvp: HvpFn; dispose: () => void } {
  const h = fromFlat(H);
  const lossFn = (p: Params) =>
    tf.tidy(() => {
      const terms = Object.keys(SHAPES).map((n) =>
        tf.add(
          tf.mul(0.5, tf.sum(tf.mul(h[n]!, tf.square(p[n]!)))),
          tf.mul(0.25, tf.sum(tf.pow(p[n]!, 4))),
        ),
      );
      return tf.addN(terms) as tf.Scalar;
    });
  // The exact product (h + 3w²) ⊙ v, so the power iteration and trace are tested on their own.
  const hvp: HvpFn = (p, v) => {
    const out: Params = {};
    for (const n of Object.keys(SHAPES)) {
      out[n] = tf.tidy(() => tf.mul(tf.add(h[n]!, tf.mul(3, tf.square(p[n]!))), v[n]!));
    }
    return out;
  };
  return { lossFn, hvp, dispose: () => disposeParams(h) };
}

function makeParams(seed: number): Params {
  const shapes: Params = {};
  for (const [n, s] of Object.entries(SHAPES)) shapes[n] = tf.zeros(s);
  const p = randomDirection(shapes, seed);
  disposeParams(shapes);
  return p;
}

describe('Hessian', () => {
  it('gradient and finite-difference Hessian-vector product match the analytic ones', async () => {
    const { lossFn, dispose } = toyLoss();
    const params = makeParams(1);
    const v = makeParams(2);
    const [w, vv] = [await flat(params), await flat(v)];
    const g = gradient(lossFn, params);
    const hv = finiteDifferenceHvp(lossFn)(params, v);
    const [gv, hvv] = [await flat(g), await flat(hv)];
    w.forEach((wi, i) => {
      expect(gv[i]).toBeCloseTo(H[i]! * wi + wi ** 3, 4);
      expect(hvv[i]).toBeCloseTo((H[i]! + 3 * wi * wi) * vv[i]!, 2);
    });
    [params, v, g, hv].forEach(disposeParams);
    dispose();
  });

  it('power iteration gives λ_max, Hutchinson the trace; nothing leaks or changes', async () => {
    const { hvp, dispose } = toyLoss();
    const params = makeParams(3);
    const w = await flat(params);
    const diag = w.map((wi, i) => H[i]! + 3 * wi * wi);
    const count = tf.memory().numTensors;
    const eig = await hessianTopEigen(hvp, params, { seed: 4 });
    expect(eig.value).toBeCloseTo(Math.max(...diag), 2);
    const tr = await hessianTrace(hvp, params, { seed: 5, samples: 10 });
    // For a diagonal Hessian zᵀHz = Σ Hᵢᵢ for every Rademacher z: the estimate is exact.
    const want = diag.reduce((a, b) => a + b, 0);
    expect(tr.trace).toBeCloseTo(want, 1);
    // Deflated: unbiased, exact only for an exact eigenvector, so a looser check.
    const deflated = await hessianTrace(hvp, params, { seed: 5, samples: 10, deflate: eig });
    expect(Math.abs(deflated.trace - want)).toBeLessThan(0.01 * want);
    disposeParams(eig.vector);
    expect(tf.memory().numTensors).toBe(count);
    expect(await flat(params)).toEqual(w);
    disposeParams(params);
    dispose();
  });

  it('is reproducible under a seed', async () => {
    const { hvp, dispose } = toyLoss();
    const params = makeParams(6);
    const a = await hessianTopEigen(hvp, params, { seed: 7, maxIter: 3 });
    const b = await hessianTopEigen(hvp, params, { seed: 7, maxIter: 3 });
    expect(a.value).toBe(b.value);
    [params, a.vector, b.vector].forEach(disposeParams);
    dispose();
  });
});
