import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cancelAfter, flat, fromFlat, TOY_H, TOY_SHAPES } from './testing/setup';
import type { Params } from '../types';
import { samPerturbation } from '../optim/sam';
import { disposeParams, normParams } from './combine';
import { CancelledError } from '../../domain/cancel';
import {
  adaptiveRhoSharpness,
  adaptiveScale,
  isBiasLike,
  rhoSharpness,
  valueAndGradient,
} from './sharpness';

const [SHAPES, H] = [TOY_SHAPES, TOY_H];

/** L(v) = ½ Σ hᵢ (vᵢ − cᵢ)²: a quadratic with minimum at c and Hessian diag(h). */
function quadratic(shapes: Record<string, number[]>, h: number[], c: number[]) {
  const hp = fromFlat(h, shapes);
  const cp = fromFlat(c, shapes);
  const lossFn = (p: Params) =>
    tf.tidy(() => {
      const terms = Object.keys(shapes).map((n) =>
        tf.sum(tf.mul(hp[n]!, tf.square(tf.sub(p[n]!, cp[n]!)))),
      );
      return tf.mul(tf.addN(terms), 0.5) as tf.Scalar;
    });
  return { lossFn, dispose: () => [hp, cp].forEach(disposeParams) };
}

const zeros = H.map(() => 0);
const analyticLoss = (v: number[], h: number[]) =>
  0.5 * v.reduce((a, x, i) => a + h[i]! * x * x, 0);

describe('valueAndGradient / adaptiveScale', () => {
  it('matches the analytic value and gradient', async () => {
    const { lossFn, dispose } = quadratic(SHAPES, H, zeros);
    const w = H.map((_, i) => 0.1 * (i - 4));
    const params = fromFlat(w);
    const { value, grads } = valueAndGradient(lossFn, params);
    expect((await value.data())[0]).toBeCloseTo(analyticLoss(w, H), 5);
    (await flat(grads)).forEach((g, i) => expect(g).toBeCloseTo(H[i]! * w[i]!, 5));
    value.dispose();
    [params, grads].forEach(disposeParams);
    dispose();
  });

  it('T_w = |w| on every tensor by default (davda54/sam); |w| + η on weights only as an option', async () => {
    expect(['layer0/bias', 'layer2/beta', 'bias'].map(isBiasLike)).toEqual([true, true, true]);
    expect(['layer0/kernel', 'layer1/gamma'].map(isBiasLike)).toEqual([false, false]);
    const params = fromFlat([-2, 0, 3], { 'a/kernel': [2], 'a/bias': [1] });
    const t = adaptiveScale(params);
    expect(await flat(t)).toEqual([2, 0, 3]);
    const samsung = adaptiveScale(params, { eta: 0.01, scaleBiases: false });
    expect(await flat(samsung)).toEqual([2.01, 0.01, 1].map(Math.fround));
    [params, t, samsung].forEach(disposeParams);
  });
});

describe('worst-case ρ-sharpness', () => {
  it('is ½·λ_max·ρ² for a quadratic at its minimum; nothing leaks or changes', async () => {
    const { lossFn, dispose } = quadratic(SHAPES, H, zeros);
    const params = fromFlat(zeros);
    const count = tf.memory().numTensors;
    const progress: number[] = [];
    const rho = 0.1;
    const r = await rhoSharpness(lossFn, params, {
      rho,
      onProgress: (p) => progress.push(p.done / p.total),
    });
    expect(tf.memory().numTensors).toBe(count);
    const want = 0.5 * 12 * rho * rho;
    expect(Math.abs(r.sharpness - want)).toBeLessThan(0.01 * want);
    expect(r.sharpness).toBeLessThanOrEqual(want * (1 + 1e-5)); // a lower bound on the max
    expect(r.baseLoss).toBe(0);
    expect(r.gradNorm).toBe(0); // stationary point: the random start was used
    expect(r.epsNorm).toBeCloseTo(rho, 5);
    expect(r.scaledNorm).toBe(r.epsNorm);
    expect(r.sharpness).toBeGreaterThanOrEqual(r.firstOrderSharpness);
    expect(r.evaluations).toBe(11);
    expect(progress).toHaveLength(11);
    expect(progress.at(-1)).toBe(1);
    expect(await flat(params)).toEqual(zeros);
    disposeParams(params);
    dispose();
  });

  it('K = 0 gives SAM´s first-order estimate L(w + ρg/‖g‖) − L(w) exactly', async () => {
    const { lossFn, dispose } = quadratic(SHAPES, H, zeros);
    const w = H.map((_, i) => 0.2 * Math.sin(i + 1));
    const params = fromFlat(w);
    const rho = 0.05;
    const r = await rhoSharpness(lossFn, params, { rho, steps: 0 });
    const g = w.map((x, i) => H[i]! * x);
    const gn = Math.hypot(...g);
    const want =
      analyticLoss(
        w.map((x, i) => x + (rho * g[i]!) / gn),
        H,
      ) - analyticLoss(w, H);
    expect(r.sharpness).toBeCloseTo(want, 5);
    expect(r.firstOrderSharpness).toBe(r.sharpness);
    expect(r.gradNorm).toBeCloseTo(gn, 4);
    // Away from the minimum the ascent only improves on SAM's step.
    const full = await rhoSharpness(lossFn, params, { rho });
    expect(full.sharpness).toBeGreaterThan(r.sharpness);
    expect(full.firstOrderSharpness).toBeCloseTo(r.sharpness, 6);
    disposeParams(params);
    dispose();
  });

  it('is deterministic under a seed', async () => {
    const { lossFn, dispose } = quadratic(SHAPES, H, zeros);
    const params = fromFlat(zeros);
    const a = await rhoSharpness(lossFn, params, { seed: 3, steps: 3 });
    const b = await rhoSharpness(lossFn, params, { seed: 3, steps: 3 });
    const c = await rhoSharpness(lossFn, params, { seed: 4, steps: 3 });
    expect(a).toEqual(b);
    expect(c.firstOrderSharpness).not.toBe(a.firstOrderSharpness);
    disposeParams(params);
    dispose();
  });

  it('stops with CancelledError between iterations, without leaks', async () => {
    const { lossFn, dispose } = quadratic(SHAPES, H, zeros);
    const params = fromFlat(zeros);
    const count = tf.memory().numTensors;
    const cancel = cancelAfter(3);
    await expect(rhoSharpness(lossFn, params, cancel)).rejects.toBeInstanceOf(CancelledError);
    expect(cancel.calls()).toBe(3);
    expect(tf.memory().numTensors).toBe(count);
    const ac = new AbortController();
    ac.abort();
    await expect(adaptiveRhoSharpness(lossFn, params, { signal: ac.signal })).rejects.toThrow(
      CancelledError,
    );
    expect(tf.memory().numTensors).toBe(count);
    disposeParams(params);
    dispose();
  });
});

describe('adaptive ρ-sharpness (ASAM)', () => {
  // Quadratic centred at w itself: S = max_{‖δ‖≤ρ} ½ (Tδ)ᵀH(Tδ) = ½ρ²·max_i hᵢtᵢ² (diagonal H).
  const shapes = { 'layer0/kernel': [1, 2], 'layer0/bias': [1] };
  const w = [3, 0.1, 5];
  const h = [1, 10, 2];

  it('is ½·ρ²·max hᵢwᵢ² with T = |w| on every tensor (the ASAM that trains), by hand', async () => {
    const { lossFn, dispose } = quadratic(shapes, h, w);
    const params = fromFlat(w, shapes);
    const count = tf.memory().numTensors;
    const rho = 0.5;
    // T = (3, 0.1, 5): hT² = (9, 0.1, 50), so the bias, neither the sharpest nor the first weight.
    const r = await adaptiveRhoSharpness(lossFn, params, { rho });
    const want = 0.5 * rho * rho * 50;
    expect(Math.abs(r.sharpness - want)).toBeLessThan(0.01 * want);
    expect(r.sharpness).toBeLessThanOrEqual(want * (1 + 1e-5));
    expect(r.adaptive).toBe(true);
    expect(r.scaledNorm).toBeCloseTo(rho, 5);
    expect(r.epsNorm).toBeCloseTo(5 * rho, 2); // ε* = ±ρ·T e₂
    // SamsungLabs/ASAM's variant (η = 0.01, biases unscaled): T = (3.01, 0.11, 1), max hT² = 9.0601.
    const samsung = { rho, eta: 0.01, scaleBiases: false };
    const old = await adaptiveRhoSharpness(lossFn, params, samsung);
    expect(Math.abs(old.sharpness - 0.5 * rho * rho * 9.0601)).toBeLessThan(0.01 * 1.2);
    // The Euclidean ball sees the largest hᵢ instead: ½ρ²·10.
    const plain = await rhoSharpness(lossFn, params, { rho });
    expect(Math.abs(plain.sharpness - 0.5 * rho * rho * 10)).toBeLessThan(0.01 * 1.25);
    expect(tf.memory().numTensors).toBe(count);
    expect(await flat(params)).toEqual(w.map(Math.fround));
    disposeParams(params);
    dispose();
  });

  it('default ρ is 2 (davda54/sam´s ASAM value)', async () => {
    const { lossFn, dispose } = quadratic(shapes, h, w);
    const params = fromFlat(w, shapes);
    const r = await adaptiveRhoSharpness(lossFn, params, { steps: 2 });
    expect(r.rho).toBe(2);
    expect(r.scaledNorm).toBeCloseTo(2, 4);
    disposeParams(params);
    dispose();
  });

  it('K = 0 is the training ASAM´s step ε₀ = ρ·w²⊙g/‖|w|⊙g‖ (optim/sam.ts)', async () => {
    const { lossFn, dispose } = quadratic(shapes, h, [0, 0, 0]);
    const params = fromFlat(w, shapes);
    const rho = 0.2;
    const r = await adaptiveRhoSharpness(lossFn, params, { rho, steps: 0 });
    const t = w.map(Math.abs);
    const g = w.map((x, i) => h[i]! * x);
    const tgNorm = Math.hypot(...g.map((gi, i) => t[i]! * gi));
    const eps = g.map((gi, i) => (rho * t[i]! * t[i]! * gi) / tgNorm);
    const want =
      analyticLoss(
        w.map((x, i) => x + eps[i]!),
        h,
      ) - analyticLoss(w, h);
    expect(r.sharpness).toBeCloseTo(want, 3);
    expect(r.gradNorm).toBeCloseTo(tgNorm, 3);
    expect(r.epsNorm).toBeCloseTo(Math.hypot(...eps), 5);
    // The same ε as the optimizer's ascent step, so L(w + ε₀) is what ASAM's second pass sees.
    const { grads } = valueAndGradient(lossFn, params);
    const e = samPerturbation(params, grads, { rho, adaptive: true });
    const n = normParams(e);
    expect((await n.data())[0]).toBeCloseTo(r.epsNorm, 5);
    (await flat(e)).forEach((ei, i) => expect(ei).toBeCloseTo(eps[i]!, 5));
    n.dispose();
    [grads, e].forEach(disposeParams);
    disposeParams(params);
    dispose();
  });
});
