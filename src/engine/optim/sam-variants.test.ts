import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Params } from '../types';
import { sam, samPerturbation } from './sam';
import { cosineOf, samUpdateCosine, samUpdates } from './sam-cosine';
import { secondOrderGradient } from './sam-second-order';
import { sgd } from './sgd';
import { disposeTensors } from './tensors';
import type { LossAndGrad } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A symmetric, indefinite A: L(w) = ½ wᵀAw + bᵀw, ∇L = Aw + b, H = A. */
const A = [
  [2, 0.5, -0.3],
  [0.5, 1, 0.2],
  [-0.3, 0.2, -0.4],
];
const B = [0.1, -0.2, 0.3];
const W0 = [1, -0.5, 0.25];

const mv = (m: number[][], v: number[]) => m.map((r) => r.reduce((s, a, j) => s + a * v[j]!, 0));
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const axpy = (a: number, x: number[], y: number[]) => y.map((v, i) => v + a * x[i]!);

/** The quadratic's LossAndGrad through tf.valueAndGrads, with its exact hvp (A·v). */
function quadratic(withHvp = true): LossAndGrad {
  const f = (w: tf.Tensor) =>
    tf.tidy(() => {
      const a = tf.tensor2d(A);
      const aw = tf.matMul(a, tf.reshape(w, [3, 1]));
      return tf.add(tf.mul(tf.sum(tf.mul(tf.reshape(aw, [3]), w)), 0.5), tf.sum(tf.mul(w, B)));
    }) as tf.Scalar;
  const lag: LossAndGrad = (params, { updateState }) => {
    const { value, grads } = tf.valueAndGrads(f)([params.w!]);
    return {
      loss: value as tf.Scalar,
      grads: { w: grads[0]! },
      ...(updateState ? { state: {} } : {}),
    };
  };
  if (withHvp)
    lag.hvp = (_p, v) => ({
      w: tf.tidy(() => tf.reshape(tf.matMul(tf.tensor2d(A), tf.reshape(v.w!, [3, 1])), [3])),
    });
  return lag;
}

/** Independent double-precision second-order SAM gradient for p = 2 (the chain rule by hand). */
function reference(w: number[], rho: number) {
  const g = axpy(1, B, mv(A, w));
  const n = Math.sqrt(dot(g, g));
  const eps = g.map((x) => (rho * x) / n);
  const gSam = axpy(1, B, mv(A, axpy(1, eps, w)));
  // dε/dw = (ρ/n)(I − ĝĝᵀ)A, so (dε/dw)ᵀv = (ρ/n) A (I − ĝĝᵀ) v.
  const gh = g.map((x) => x / n);
  const u = axpy(-dot(gh, gSam), gh, gSam);
  const full = axpy(rho / n, mv(A, u), gSam);
  const cos = dot(gSam, full) / Math.sqrt(dot(gSam, gSam) * dot(full, full));
  return { gSam, full, cos };
}

const params = (): Params => ({ w: tf.tensor1d(W0) });

describe('second-order SAM (Foret et al. 2021 eq. 3)', () => {
  test('g_SAM + (dε̂/dw)ᵀ g_SAM matches the chain rule by hand; cosine below 1', async () => {
    const before = tf.memory().numTensors;
    const rho = 0.3;
    const want = reference(W0, rho);
    const p = params();
    const u = samUpdates(p, quadratic(), { rho });
    const first = Array.from(await u.firstOrder.w!.data());
    const second = Array.from(await u.secondOrder.w!.data());
    first.forEach((x, i) => expect(x).toBeCloseTo(want.gSam[i]!, 5));
    second.forEach((x, i) => expect(x).toBeCloseTo(want.full[i]!, 5));
    const cos = await cosineOf(u.firstOrder, u.secondOrder);
    expect(cos).toBeLessThan(1);
    expect(cos).toBeCloseTo(want.cos, 5);
    expect(await samUpdateCosine(p, quadratic(), { rho })).toBe(cos);
    disposeTensors(u.firstOrder, u.secondOrder, p);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('p = ∞: ε̂ = ρ·sign(g) has zero derivative, so the cosine is exactly 1', async () => {
    const before = tf.memory().numTensors;
    const p = params();
    // No hvp needed: the term vanishes without one.
    expect(await samUpdateCosine(p, quadratic(false), { rho: 0.3, p: 'inf' })).toBe(1);
    disposeTensors(p);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('without a Hessian-vector product a p = 2 second-order step refuses', () => {
    const p = params();
    const g = { w: tf.tensor1d([1, 2, 3]) };
    expect(() => secondOrderGradient(p, g, g, { rho: 0.1 }, undefined)).toThrow(/Hessian/);
    disposeTensors(p, g);
  });

  test('second-order SAM steps with the full gradient; p = ∞ steps with ρ·sign(g)', async () => {
    const before = tf.memory().numTensors;
    const [rho, lr] = [0.3, 0.1];
    const step = async (cfg: Parameters<typeof sam>[1]) => {
      const opt = sam(sgd({ lr }), cfg);
      const p = params();
      const st = opt.init(p);
      const out = opt.step(p, st, quadratic());
      const w = Array.from(await out.params.w!.data());
      disposeTensors(p, out.params, out.modelState);
      out.loss.dispose();
      opt.disposeState(st);
      opt.disposeState(out.optState);
      return w;
    };
    const full = reference(W0, rho).full;
    (await step({ rho, secondOrder: true })).forEach((x, i) =>
      expect(x).toBeCloseTo(W0[i]! - lr * full[i]!, 5),
    );
    const g = axpy(1, B, mv(A, W0));
    const gInf = axpy(1, B, mv(A, axpy(rho, g.map(Math.sign), W0)));
    (await step({ rho, p: 'inf' })).forEach((x, i) =>
      expect(x).toBeCloseTo(W0[i]! - lr * gInf[i]!, 6),
    );
    expect(await step({ rho, p: 'inf', secondOrder: true })).toEqual(await step({ rho, p: 'inf' }));
    expect(tf.memory().numTensors).toBe(before);
  });

  test('p = ∞ ascent: ρ·sign(g); with ASAM ρ·|w|⊙sign(g) (sign(0) = 0)', async () => {
    const before = tf.memory().numTensors;
    const w = { a: tf.tensor1d([2, -0.5, 1]), b: tf.tensor1d([-3]) };
    const g = { a: tf.tensor1d([0.1, -4, 0]), b: tf.tensor1d([2]) };
    const read = async (m: Record<string, tf.Tensor>) => [
      ...(await m.a!.data()),
      ...(await m.b!.data()),
    ];
    const plain = samPerturbation(w, g, { rho: 0.5, p: 'inf' });
    expect(await read(plain)).toEqual([0.5, -0.5, 0, 0.5]);
    const adaptive = samPerturbation(w, g, { rho: 0.5, p: 'inf', adaptive: true });
    expect(await read(adaptive)).toEqual([1, -0.25, 0, 1.5]);
    disposeTensors(w, g, plain, adaptive);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('ASAM has no second-order variant', () => {
    expect(() => sam(sgd({ lr: 0.1 }), { rho: 2, adaptive: true, secondOrder: true })).toThrow();
  });
});
