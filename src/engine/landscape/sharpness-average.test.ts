import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cancelAfter, fromFlat, TOY_H, TOY_SHAPES } from './testing/setup';
import type { Params } from '../types';
import { disposeParams } from './combine';
import { randomDirection } from './directions';
import { CancelledError } from '../../domain/cancel';
import { averagePerturbation, averageSharpness } from './sharpness-average';

const [SHAPES, H] = [TOY_SHAPES, TOY_H];
const TRACE = H.reduce((a, b) => a + b, 0);

/** L(w) = ½ wᵀ diag(H) w. */
function quadratic() {
  const hp = fromFlat(H);
  const lossFn = (p: Params) =>
    tf.tidy(() => {
      const terms = Object.keys(SHAPES).map((n) => tf.sum(tf.mul(hp[n]!, tf.square(p[n]!))));
      return tf.mul(tf.addN(terms), 0.5) as tf.Scalar;
    });
  return { lossFn, dispose: () => disposeParams(hp) };
}

describe('average-case sharpness', () => {
  it('is ½·ρ²·tr(H) for per-coordinate N(0, ρ²) noise (not /n); nothing leaks or changes', async () => {
    const { lossFn, dispose } = quadratic();
    const zeros = H.map(() => 0);
    const params = fromFlat(zeros);
    const count = tf.memory().numTensors;
    const rho = 0.1;
    let calls = 0;
    const r = await averageSharpness(lossFn, params, {
      rho,
      samples: 400,
      seed: 1,
      onProgress: () => calls++,
    });
    expect(tf.memory().numTensors).toBe(count);
    // Andriushchenko et al.: E[L(w + δ)] − L(w) = ½ρ²·tr(H). The old draw on the sphere of
    // radius ρ gave ½ρ²·tr(H)/n, ten times smaller here (n = 10).
    const want = 0.5 * rho * rho * TRACE;
    expect(Math.abs(r.mean - want)).toBeLessThan(3 * r.stdError);
    expect(Math.abs(r.mean - want / H.length)).toBeGreaterThan(20 * r.stdError);
    expect(r.stdError).toBeCloseTo(r.std / 20, 12);
    expect(r.increases).toHaveLength(400);
    expect(r.baseLoss).toBe(0);
    expect(calls).toBe(400);
    const again = await averageSharpness(lossFn, params, { rho, samples: 400, seed: 1 });
    expect(again).toEqual(r);
    const other = await averageSharpness(lossFn, params, { rho, samples: 400, seed: 2 });
    expect(other.mean).not.toBe(r.mean);
    expect(await Promise.all(Object.values(params).map((t) => t.data()))).toEqual(
      Object.values(params).map((t) => new Float32Array(t.size)),
    );
    disposeParams(params);
    dispose();
  });

  it('adaptive noise N(0, ρ²w²) gives ½ρ²·Σ Hᵢᵢwᵢ², biases included', async () => {
    const { lossFn, dispose } = quadratic();
    const w = H.map((_, i) => (i % 2 ? -1 : 1) * 0.2 * (i + 1));
    // L(w + δ) − L(w) = Σ Hᵢ(wᵢδᵢ + ½δᵢ²): mean ½ρ²ΣHᵢwᵢ² around any w, not only a minimum.
    const params = fromFlat(w);
    const rho = 0.05;
    const count = tf.memory().numTensors;
    const r = await averageSharpness(lossFn, params, {
      rho,
      samples: 2000,
      seed: 3,
      direction: 'adaptive',
    });
    expect(tf.memory().numTensors).toBe(count);
    const want = 0.5 * rho * rho * H.reduce((a, h, i) => a + h * w[i]! ** 2, 0);
    expect(r.direction).toBe('adaptive');
    expect(Math.abs(r.mean - want)).toBeLessThan(3 * r.stdError);
    disposeParams(params);
    dispose();
  });

  it('perturbations: gaussian is ρ·z, adaptive ρ·|w|⊙z, filter ρ × Li et al.´s direction', async () => {
    const params = fromFlat(H.map((_, i) => i - 3));
    const g = averagePerturbation(params, 0.3, 5, 'gaussian');
    const a = averagePerturbation(params, 0.3, 5, 'adaptive');
    const z = randomDirection(params, 5);
    for (const n of Object.keys(SHAPES)) {
      const [gv, av, zv, wv] = await Promise.all([g, a, z, params].map((m) => m[n]!.data()));
      zv!.forEach((zi, i) => {
        expect(gv![i]).toBeCloseTo(0.3 * zi, 5);
        expect(av![i]).toBeCloseTo(0.3 * Math.abs(wv![i]!) * zi, 5);
      });
    }
    // w = 0 at kernel element 3: the adaptive noise cannot move it.
    expect(Math.abs((await a['layer0/kernel']!.data())[3]!)).toBe(0);
    const f = averagePerturbation(params, 0.3, 5, 'filter');
    // Kernel [2, 3]: each column (filter) has norm 0.3·‖w column‖; the bias is zeroed.
    const fk = await f['layer0/kernel']!.data();
    const wk = await params['layer0/kernel']!.data();
    for (let j = 0; j < 3; j++) {
      const fn = Math.hypot(fk[j]!, fk[3 + j]!);
      expect(fn).toBeCloseTo(0.3 * Math.hypot(wk[j]!, wk[3 + j]!), 4);
    }
    expect(Array.from(await f['layer0/bias']!.data())).toEqual([0, 0, 0, 0]);
    [params, g, a, z, f].forEach(disposeParams);
  });

  it('filter directions run end to end; cancellation stops without leaks', async () => {
    const { lossFn, dispose } = quadratic();
    const params = fromFlat(H.map((_, i) => 0.1 * (i + 1)));
    const count = tf.memory().numTensors;
    const r = await averageSharpness(lossFn, params, { direction: 'filter', samples: 5 });
    expect(r.direction).toBe('filter');
    expect(r.mean).toBeGreaterThan(0);
    const cancel = cancelAfter(2);
    await expect(averageSharpness(lossFn, params, cancel)).rejects.toBeInstanceOf(CancelledError);
    expect(cancel.calls()).toBe(2);
    expect(tf.memory().numTensors).toBe(count);
    await expect(averageSharpness(lossFn, params, { samples: 0 })).rejects.toThrow(/samples/);
    disposeParams(params);
    dispose();
  });
});
