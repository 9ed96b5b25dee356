import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../domain/cancel';
import type { HvpFn } from '../tangent/hvp';
import type { Params } from '../types';
import { curvatureMap } from './curvature-map';
import { hessianExtremes } from './lanczos';
import { symmetricEigen, tridiagonal } from './symmetric-eigen';

/** A spread spectrum with negative eigenvalues: λ_min = −2.5, λ_max = 7 (40 parameters). */
const H = Array.from({ length: 40 }, (_, i) => (i === 7 ? 7 : i === 21 ? -2.5 : Math.sin(i) * 2));

/** L(w) = ½ Σ hᵢ wᵢ² in two tensors: its Hessian is diag(h) everywhere, Hv = h ⊙ v exactly. */
function quadratic(): { params: Params; hvp: HvpFn; dispose: () => void } {
  const h = { u: tf.tensor2d(H.slice(0, 24), [4, 6]), v: tf.tensor1d(H.slice(24)) };
  const params: Params = { u: tf.ones([4, 6]), v: tf.zeros([16]) };
  const hvp: HvpFn = (_p, v) => ({ u: tf.mul(h.u, v.u!), v: tf.mul(h.v, v.v!) });
  return { params, hvp, dispose: () => tf.dispose([h.u, h.v, params.u!, params.v!]) };
}

describe('symmetricEigen (Jacobi)', () => {
  it('diagonalises the second-difference matrix: eigenvalues 2 − √2, 2, 2 + √2', () => {
    const { values, vectors } = symmetricEigen(tridiagonal([2, 2, 2], [1, 1]));
    expect(values[0]).toBeCloseTo(2 - Math.SQRT2, 12);
    expect(values[1]).toBeCloseTo(2, 12);
    expect(values[2]).toBeCloseTo(2 + Math.SQRT2, 12);
    // The top eigenvector is (1, √2, 1)/2 up to sign.
    const v = vectors[2]!.map((x) => x * Math.sign(vectors[2]![0]!));
    expect(v[0]).toBeCloseTo(0.5, 12);
    expect(v[1]).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe('hessianExtremes (Lanczos)', () => {
  it('finds the analytic λ_min and λ_max of a quadratic, without leaking', async () => {
    const q = quadratic();
    const before = tf.memory().numTensors;
    const r = await hessianExtremes(q.hvp, q.params, { seed: 3, maxIter: 40, tol: 1e-5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.lambdaMax).toBeCloseTo(7, 4);
    expect(r.lambdaMin).toBeCloseTo(-2.5, 4);
    expect(r.converged).toBe(true);
    // Both ends converge long before the Krylov space fills all 40 dimensions.
    expect(r.iterations).toBeLessThan(40);
    q.dispose();
  });

  it('reports an unconverged estimate inside the spectrum when its budget is too small', async () => {
    const q = quadratic();
    const r = await hessianExtremes(q.hvp, q.params, { seed: 3, maxIter: 3, tol: 1e-8 });
    expect(r.iterations).toBe(3);
    expect(r.converged).toBe(false);
    // Ritz values lie within [λ_min, λ_max].
    expect(r.lambdaMax).toBeLessThanOrEqual(7 + 1e-4);
    expect(r.lambdaMin).toBeGreaterThanOrEqual(-2.5 - 1e-4);
    q.dispose();
  });

  it('stops with a CancelledError and frees its vectors', async () => {
    const q = quadratic();
    const before = tf.memory().numTensors;
    let calls = 0;
    const run = hessianExtremes(q.hvp, q.params, { isCancelled: () => ++calls > 2 });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
    q.dispose();
  });
});

describe('curvatureMap', () => {
  it('gives the analytic extremes of L(w) = Σ hᵢ cos(wᵢ) at every grid point', async () => {
    // ∇²L(w) = diag(−hᵢ cos wᵢ): the eigenvalues change from point to point.
    const h = [3, -1, 2, 0.5, -2, 1.5];
    const hT = tf.tensor1d(h);
    const hvp: HvpFn = (p, v) => ({
      w: tf.tidy(() => tf.mul(tf.neg(tf.mul(hT, tf.cos(p.w!))), v.w!)),
    });
    const w0 = [0.1, -0.4, 0.7, 0, 1.2, -0.3];
    const d1v = [1, 0, 0.5, 0, -1, 0];
    const d2v = [0, 1, 0, -0.5, 0, 1];
    const params = { w: tf.tensor1d(w0) };
    const d1 = { w: tf.tensor1d(d1v) };
    const d2 = { w: tf.tensor1d(d2v) };
    const axis = [-1, 0, 1];
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const m = await curvatureMap(hvp, params, d1, d2, axis, axis, {
      tol: 1e-6,
      maxIter: 6,
      onProgress: (p) => progress.push(p.done / p.total),
    });
    expect(tf.memory().numTensors).toBe(before);
    for (const [j, b] of axis.entries()) {
      for (const [i, a] of axis.entries()) {
        const eig = w0.map((w, k) => -h[k]! * Math.cos(w + a * d1v[k]! + b * d2v[k]!));
        expect(m.lambdaMin[j]![i]).toBeCloseTo(Math.min(...eig), 4);
        expect(m.lambdaMax[j]![i]).toBeCloseTo(Math.max(...eig), 4);
      }
    }
    expect(progress.every((p, k) => k === 0 || p >= progress[k - 1]!)).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);
    tf.dispose([hT, params.w, d1.w, d2.w]);
  });
});
