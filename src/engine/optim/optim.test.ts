import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import type { Params } from '../types';
import { adam } from './adam';
import { sam, samPerturbation } from './sam';
import { sgd } from './sgd';
import { swa } from './swa';
import { disposeTensors } from './tensors';
import type { LossAndGrad, Optimizer } from './types';

/** loss = ½ Σ a ⊙ w², so ∇ = a ⊙ w — through tf.valueAndGrads, as the model's LossAndGrad. */
function quadratic(a: Record<string, number[]>): LossAndGrad {
  return (params, { updateState }) => {
    const names = Object.keys(params);
    const f = (...ws: tf.Tensor[]) =>
      tf.addN(
        ws.map((w, i) => tf.sum(tf.mul(tf.mul(tf.tensor(a[names[i]!]!), tf.square(w)), 0.5))),
      ) as tf.Scalar;
    const { value, grads } = tf.valueAndGrads(f)(names.map((n) => params[n]!));
    const g: Params = {};
    names.forEach((n, i) => (g[n] = grads[i]!));
    return { loss: value as tf.Scalar, grads: g, ...(updateState ? { state: {} } : {}) };
  };
}

const A = { u: [1, 2], v: [0.5] };
const W0 = { u: [1, -1], v: [2] };
const makeParams = (w: Record<string, number[]>): Params => ({
  u: tf.tensor1d(w.u!),
  v: tf.tensor1d(w.v!),
});
const read = async (p: Params) => ({
  u: Array.from(await p.u!.data()),
  v: Array.from(await p.v!.data()),
});
const close = (got: number[], want: number[], digits = 6) =>
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, digits));

/** Runs `steps` steps from W0 and returns the weights and losses read back; checks for leaks. */
async function runSteps<S>(opt: Optimizer<S>, steps: number, lag = quadratic(A)) {
  const before = tf.memory().numTensors;
  let params = makeParams(W0);
  let state = opt.init(params);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const out = opt.step(params, state, lag);
    disposeTensors(params, out.modelState);
    opt.disposeState(state);
    losses.push((await out.loss.data())[0]!);
    out.loss.dispose();
    params = out.params;
    state = out.optState;
  }
  const w = await read(params);
  disposeTensors(params);
  const final = state;
  return { w, losses, finalState: final, release: () => opt.disposeState(final), before };
}

describe('SGD (torch.optim.SGD)', () => {
  test('gradient of the quadratic and plain steps', async () => {
    const r = await runSteps(sgd({ lr: 0.1 }), 2);
    // w1 = w0 − 0.1·a⊙w0 = w0 ⊙ (1 − 0.1a)
    close(r.w.u, [1 * 0.9 ** 2, -1 * 0.8 ** 2]);
    close(r.w.v, [2 * 0.95 ** 2]);
    expect(r.losses[0]).toBeCloseTo(0.5 * (1 + 2 + 0.5 * 4), 6);
    r.release();
    expect(tf.memory().numTensors).toBe(r.before);
  });

  test('momentum buffer starts at the first gradient; weight decay joins the gradient', async () => {
    const lr = 0.1,
      mu = 0.9,
      wd = 0.01;
    const r = await runSteps(sgd({ lr, momentum: mu, weightDecay: wd }), 2);
    const step = (w: number, a: number) => {
      const g1 = a * w + wd * w;
      const w1 = w - lr * g1;
      const buf = mu * g1 + (a * w1 + wd * w1);
      return w1 - lr * buf;
    };
    close(r.w.u, [step(1, 1), step(-1, 2)]);
    close(r.w.v, [step(2, 0.5)]);
    r.release();
    expect(tf.memory().numTensors).toBe(r.before);
  });

  test('Nesterov', async () => {
    const lr = 0.1,
      mu = 0.9;
    const r = await runSteps(sgd({ lr, momentum: mu, nesterov: true }), 2);
    const step = (w: number, a: number) => {
      const g1 = a * w;
      const w1 = w - lr * (g1 + mu * g1);
      const g2 = a * w1;
      const buf = mu * g1 + g2;
      return w1 - lr * (g2 + mu * buf);
    };
    close(r.w.u, [step(1, 1), step(-1, 2)]);
    close(r.w.v, [step(2, 0.5)]);
    r.release();
  });
});

describe('Adam (torch.optim.Adam)', () => {
  test('first step is −lr·g/(|g| + ε), second by hand', async () => {
    const lr = 0.01,
      b1 = 0.9,
      b2 = 0.999,
      eps = 1e-8;
    const r = await runSteps(adam({ lr }), 2);
    const step = (w: number, a: number) => {
      let m = 0,
        v = 0,
        x = w;
      for (let t = 1; t <= 2; t++) {
        const g = a * x;
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        x -= (lr / (1 - b1 ** t)) * (m / (Math.sqrt(v) / Math.sqrt(1 - b2 ** t) + eps));
      }
      return x;
    };
    close(r.w.u, [step(1, 1), step(-1, 2)]);
    close(r.w.v, [step(2, 0.5)]);
    expect((r.finalState as { t: number }).t).toBe(2);
    r.release();
    expect(tf.memory().numTensors).toBe(r.before);
  });
});

describe('SAM / ASAM', () => {
  const g = { u: [3, -4], v: [12] };
  test('‖e‖₂ = ρ for SAM', async () => {
    const e = samPerturbation(makeParams(W0), makeParams(g), { rho: 0.05 });
    const all = Object.values(await read(e)).flat();
    expect(Math.hypot(...all) / 0.05).toBeCloseTo(1, 5);
    close(
      all,
      [3, -4, 12].map((x) => (0.05 * x) / 13),
    );
    disposeTensors(e);
  });

  test('‖e / |w|‖₂ = ρ for ASAM', async () => {
    const w = { u: [0.5, -2], v: [3] };
    const e = samPerturbation(makeParams(w), makeParams(g), { rho: 0.5, adaptive: true });
    const ev = await read(e);
    const ratio = [...ev.u.map((x, i) => x / Math.abs(w.u[i]!)), ev.v[0]! / 3];
    expect(Math.hypot(...ratio) / 0.5).toBeCloseTo(1, 5);
    disposeTensors(e);
  });

  test('a SAM step uses the gradient at w + e and steps from w', async () => {
    const rho = 0.1,
      lr = 0.1;
    const r = await runSteps(sam(sgd({ lr }), { rho }), 1);
    const g0 = [1 * 1, 2 * -1, 0.5 * 2];
    const n = Math.hypot(...g0);
    const w0 = [1, -1, 2];
    const a = [1, 2, 0.5];
    const want = w0.map((w, i) => w - lr * a[i]! * (w + (rho * g0[i]!) / n));
    close([...r.w.u, ...r.w.v], want);
    expect(r.losses[0]).toBeCloseTo(0.5 * (1 + 2 + 2), 6); // the first-pass loss, at w
    r.release();
    expect(tf.memory().numTensors).toBe(r.before);
  });
});

describe('SWA', () => {
  test('running equal-weight average from startStep every `every` steps', async () => {
    const lr = 0.1;
    const opt = swa(sgd({ lr }), { startStep: 2, every: 2 });
    const r = await runSteps(opt, 5);
    const s = r.finalState;
    expect(s.nAveraged).toBe(2); // steps 2 and 4
    expect(s.steps).toBe(5);
    const wAt = (w: number, a: number, k: number) => w * (1 - lr * a) ** k;
    const avgU = await s.avg!.u!.data();
    close(Array.from(avgU), [
      (wAt(1, 1, 2) + wAt(1, 1, 4)) / 2,
      (wAt(-1, 2, 2) + wAt(-1, 2, 4)) / 2,
    ]);
    close(r.w.u, [wAt(1, 1, 5), wAt(-1, 2, 5)]);
    r.release();
    expect(tf.memory().numTensors).toBe(r.before);
  });
});

describe('SWA between averaging steps', () => {
  test('hands the same average on without a kernel; freed with its last holder', async () => {
    const opt = swa(sgd({ lr: 0.1 }), { startStep: 1, every: 3 });
    const lag: LossAndGrad = (params, { updateState }) => ({
      loss: tf.scalar(0),
      grads: Object.fromEntries(Object.entries(params).map(([k, t]) => [k, tf.onesLike(t)])),
      ...(updateState ? { state: {} } : {}),
    });
    const p0 = makeParams(W0);
    const s0 = opt.init(p0);
    const a = opt.step(p0, s0, lag); // step 1: averaged
    const b = opt.step(a.params, a.optState, lag); // step 2: not averaged
    expect(b.optState.avg).toBe(a.optState.avg);
    const before = tf.memory().numTensors;
    const kernels = (
      await tf.profile(() => {
        const c = opt.step(b.params, b.optState, lag); // step 3: not averaged
        expect(c.optState.avg).toBe(b.optState.avg);
        opt.disposeState(c.optState);
        tf.dispose([c.loss, ...Object.values(c.params)]);
        return [];
      })
    ).kernels.map((k) => k.name);
    // The inner SGD's kernels only (per tensor: Sub, Mul), and no Identity/clone of the average.
    expect(kernels.filter((k) => k === 'Identity')).toHaveLength(0);
    expect(tf.memory().numTensors).toBe(before);
    opt.disposeState(a.optState); // one holder left (b): the average must survive
    expect(Array.from(await b.optState.avg!.u!.data())).toEqual(
      Array.from(await a.params.u!.data()),
    );
    opt.disposeState(b.optState);
    expect(b.optState.avg!.u!.isDisposed).toBe(true);
    tf.dispose([a.loss, b.loss, ...Object.values(a.params), ...Object.values(b.params)]);
    tf.dispose([...Object.values(p0)]);
    opt.disposeState(s0);
  });
});
