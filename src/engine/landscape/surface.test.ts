import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flat } from './testing/setup';
import type { Params } from '../types';
import { disposeParams } from './combine';
import { randomDirection } from './directions';
import { CancelledError } from '../../domain/cancel';
import { linspace, lossAt, pointAt, type EvalFn, type EvalFns } from './points';
import { grid2d, interpolate, slice1d } from './surface';

afterEach(() => {
  vi.restoreAllMocks();
});

const SHAPES: Record<string, number[]> = { 'layer0/kernel': [2, 3], 'layer0/bias': [3] };
const SIZE = 9;
/** Curvatures hᵢ of the toy loss, flattened in key order; the test split is twice as curved. */
const H = Array.from({ length: SIZE }, (_, i) => 0.5 + i * 0.25);

/** L(w) = ½ Σ hᵢ wᵢ² (scaled by `k`); "accuracy" exp(−L) so it is analytic too. */
function quadratic(k: number): { fn: EvalFn; h: Params } {
  const h: Params = {};
  let off = 0;
  for (const [name, shape] of Object.entries(SHAPES)) {
    const n = shape.reduce((a, b) => a * b, 1);
    h[name] = tf.tensor(
      H.slice(off, off + n).map((v) => v * k),
      shape,
    );
    off += n;
  }
  const fn: EvalFn = (p) =>
    tf.tidy(() => {
      const terms = Object.keys(SHAPES).map((name) =>
        tf.sum(tf.mul(h[name]!, tf.square(p[name]!))),
      );
      const loss = tf.mul(tf.addN(terms), 0.5) as tf.Scalar;
      return { loss, accuracy: tf.exp(tf.neg(loss)) as tf.Scalar };
    });
  return { fn, h };
}

function analytic(w: number[], dirs: number[][], coeffs: number[], k: number): number {
  let s = 0;
  for (let i = 0; i < SIZE; i++) {
    const x = w[i]! + dirs.reduce((acc, d, j) => acc + coeffs[j]! * d[i]!, 0);
    s += 0.5 * k * H[i]! * x * x;
  }
  return s;
}

interface Setup {
  params: Params;
  d1: Params;
  d2: Params;
  evalFns: EvalFns;
  w: number[];
  v1: number[];
  v2: number[];
  cleanup: () => void;
}

async function setup(): Promise<Setup> {
  const shapesOnly: Params = {};
  for (const [n, s] of Object.entries(SHAPES)) shapesOnly[n] = tf.zeros(s);
  const params = randomDirection(shapesOnly, 100);
  const d1 = randomDirection(shapesOnly, 101);
  const d2 = randomDirection(shapesOnly, 102);
  disposeParams(shapesOnly);
  const train = quadratic(1);
  const test = quadratic(2);
  const [w, v1, v2] = [await flat(params), await flat(d1), await flat(d2)];
  const cleanup = () => [params, d1, d2, train.h, test.h].forEach(disposeParams);
  return { params, d1, d2, evalFns: { train: train.fn, test: test.fn }, w, v1, v2, cleanup };
}

describe('linspace', () => {
  it('matches numpy.linspace', () => {
    expect(linspace(-1, 1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linspace(-1, 1, 51)).toHaveLength(51);
    expect(linspace(-1, 1, 51)[50]).toBe(1);
    expect(linspace(3, 4, 1)).toEqual([3]);
  });
});

describe('slice1d', () => {
  it('gives the analytic curve, leaves params unchanged and leaks nothing', async () => {
    const s = await setup();
    const count = tf.memory().numTensors;
    const ts = linspace(-1, 1, 21);
    const progress: number[] = [];
    const r = await slice1d(s.params, s.d1, ts, s.evalFns, {
      chunkSize: 8,
      onProgress: (p) => progress.push(p.done),
    });
    expect(tf.memory().numTensors).toBe(count);
    expect(progress).toEqual([8, 16, 21]);
    expect(r.t).toEqual(ts);
    ts.forEach((t, i) => {
      const lt = analytic(s.w, [s.v1], [t], 1);
      expect(r.trainLoss[i]).toBeCloseTo(lt, 4);
      expect(r.testLoss[i]).toBeCloseTo(analytic(s.w, [s.v1], [t], 2), 4);
      expect(r.trainAcc[i]).toBeCloseTo(Math.exp(-lt), 5);
    });
    expect(await flat(s.params)).toEqual(s.w);
    expect(await flat(s.d1)).toEqual(s.v1);
    s.cleanup();
  });

  it('defaults to 51 points on [−1, 1]', async () => {
    const s = await setup();
    const r = await slice1d(s.params, s.d1, undefined, s.evalFns);
    expect(r.t).toHaveLength(51);
    expect(r.t[0]).toBe(-1);
    expect(r.trainLoss[25]).toBeCloseTo(analytic(s.w, [], [], 1), 4);
    s.cleanup();
  });
});

describe('grid2d', () => {
  it('gives the analytic surface with rows indexed by b', async () => {
    const s = await setup();
    const as = linspace(-1, 1, 5);
    const bs = linspace(-0.5, 0.5, 3);
    const r = await grid2d(s.params, s.d1, s.d2, as, bs, s.evalFns);
    expect(r.trainLoss).toHaveLength(bs.length);
    bs.forEach((b, i) =>
      as.forEach((a, j) => {
        expect(r.trainLoss[i]![j]).toBeCloseTo(analytic(s.w, [s.v1, s.v2], [a, b], 1), 4);
        expect(r.testLoss[i]![j]).toBeCloseTo(analytic(s.w, [s.v1, s.v2], [a, b], 2), 4);
        const lt = analytic(s.w, [s.v1, s.v2], [a, b], 2);
        expect(r.testAcc[i]![j]).toBeCloseTo(Math.exp(-lt), 5);
      }),
    );
    s.cleanup();
  });

  it('reads back exactly once per row, leaves params unchanged and leaks nothing', async () => {
    const s = await setup();
    const count = tf.memory().numTensors;
    const spy = vi.spyOn(tf.Tensor.prototype, 'data');
    const callsAtProgress: number[] = [];
    const r = await grid2d(
      s.params,
      s.d1,
      s.d2,
      linspace(-1, 1, 7),
      linspace(-1, 1, 4),
      s.evalFns,
      {
        onProgress: (p) => {
          expect(p.total).toBe(4);
          callsAtProgress.push(spy.mock.calls.length);
        },
      },
    );
    expect(callsAtProgress).toEqual([1, 2, 3, 4]);
    spy.mockRestore();
    expect(r.trainLoss.every((row) => row.length === 7)).toBe(true);
    expect(tf.memory().numTensors).toBe(count);
    expect(await flat(s.params)).toEqual(s.w);
    expect([await flat(s.d1), await flat(s.d2)]).toEqual([s.v1, s.v2]);
    s.cleanup();
  });

  it('stops between rows when cancelled, without leaking', async () => {
    const s = await setup();
    const count = tf.memory().numTensors;
    let rows = 0;
    const run = grid2d(s.params, s.d1, s.d2, [0, 1], [0, 1, 2, 3], s.evalFns, {
      onProgress: () => rows++,
      isCancelled: () => rows >= 2,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(rows).toBe(2);
    const ctrl = new AbortController();
    ctrl.abort();
    const run2 = slice1d(s.params, s.d1, [0, 1], s.evalFns, { signal: ctrl.signal });
    await expect(run2).rejects.toThrow('cancelled');
    expect(tf.memory().numTensors).toBe(count);
    s.cleanup();
  });
});

describe('points and interpolation', () => {
  it('lossAt and pointAt match the analytic values', async () => {
    const s = await setup();
    const count = tf.memory().numTensors;
    const one = await lossAt(s.params, [s.d1, s.d2], [0.3, -0.7], s.evalFns.test);
    expect(one.loss).toBeCloseTo(analytic(s.w, [s.v1, s.v2], [0.3, -0.7], 2), 4);
    const both = await pointAt(s.params, [s.d1], [0.25], s.evalFns);
    expect(both.trainLoss).toBeCloseTo(analytic(s.w, [s.v1], [0.25], 1), 4);
    expect(both.testLoss).toBeCloseTo(analytic(s.w, [s.v1], [0.25], 2), 4);
    expect(tf.memory().numTensors).toBe(count);
    s.cleanup();
  });

  it('interpolate evaluates (1 − α)·A + α·B, default 41 α on [−0.5, 1.5]', async () => {
    const s = await setup();
    const count = tf.memory().numTensors;
    const r = await interpolate(s.params, s.d1, undefined, s.evalFns);
    expect(r.alpha).toHaveLength(41);
    expect(r.alpha[0]).toBe(-0.5);
    expect(r.alpha[40]).toBe(1.5);
    r.alpha.forEach((al, i) => {
      const mix = s.w.map((wi, j) => (1 - al) * wi + al * s.v1[j]!);
      expect(r.trainLoss[i]).toBeCloseTo(analytic(mix, [], [], 1), 4);
    });
    expect(tf.memory().numTensors).toBe(count);
    expect(await flat(s.params)).toEqual(s.w);
    s.cleanup();
  });
});
