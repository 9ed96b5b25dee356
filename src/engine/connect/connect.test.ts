import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { makeRng } from '../../domain/random';
import { softmaxCrossEntropy } from '../loss';
import { apply } from '../model/apply';
import { initModel } from '../model/init';
import { sgd } from '../optim/sgd';
import { disposeTensors } from '../optim/tensors';
import type { Batch, ModelSpec, Params } from '../types';
import {
  curveCoefficients,
  curveGradient,
  curvePlane,
  curvePoint,
  curveStep,
  disposePlane,
  midpointBend,
  pathCoordinates,
  type CurveKind,
} from '.';

/** A small MLP with BatchNorm, so the train-mode pass and its statistics are exercised. */
const SPEC: ModelSpec = {
  input: [3, 3, 1],
  layers: [
    { type: 'flatten' },
    { type: 'dense', units: 6, bias: true },
    { type: 'batchnorm', eps: 1e-5, momentum: 0.1 },
    { type: 'relu' },
    { type: 'dense', units: 3, bias: true },
  ],
};
const KINDS: CurveKind[] = ['bezier', 'polychain'];

function setup() {
  const a = initModel(SPEC, 1);
  const b = initModel(SPEC, 2);
  tf.dispose(Object.values(b.state));
  const rng = makeRng(7);
  const x = tf.tensor4d(
    Array.from({ length: 8 * 9 }, () => rng()),
    [8, 3, 3, 1],
  );
  const y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32');
  const batch: Batch = { x, y };
  const ends = { w1: a.params, w2: b.params };
  const dispose = () => {
    disposeTensors(a.params, a.state, b.params);
    tf.dispose([x, y]);
  };
  return { ends, state: a.state, batch, dispose };
}

const read = async (p: Params) =>
  Object.fromEntries(
    await Promise.all(Object.entries(p).map(async ([k, t]) => [k, await t.data()] as const)),
  );

/** Reads a map this test made, then frees it. */
async function readOwned(p: Params) {
  try {
    return await read(p);
  } finally {
    disposeTensors(p);
  }
}

describe('curves between two weight sets', () => {
  test('coefficients: ends, midpoint, sum 1, and the chain reaches θ at t = 0.5', () => {
    for (const kind of KINDS) {
      expect(curveCoefficients(kind, 0)).toEqual([1, 0, 0]);
      expect(curveCoefficients(kind, 1)).toEqual([0, 0, 1]);
      for (const t of [0.1, 0.3, 0.5, 0.77]) {
        const c = curveCoefficients(kind, t);
        expect(c[0] + c[1] + c[2]).toBeCloseTo(1, 12);
      }
    }
    expect(curveCoefficients('bezier', 0.5)).toEqual([0.25, 0.5, 0.25]);
    expect(curveCoefficients('polychain', 0.5)).toEqual([0, 1, 0]);
    expect(curveCoefficients('polychain', 0.25)).toEqual([0.5, 0.5, 0]);
    expect(() => curveCoefficients('bezier', 1.5)).toThrow(/outside/);
  });

  test('with the initial bend, φ(0.5) is the midpoint (and φ(t) the straight segment)', async () => {
    const s = setup();
    const theta = midpointBend(s.ends);
    const w1 = await read(s.ends.w1);
    const w2 = await read(s.ends.w2);
    for (const kind of KINDS) {
      for (const t of [0.5, 0.3]) {
        const phi = curvePoint(s.ends, theta, kind, t);
        const got = await read(phi);
        for (const name of Object.keys(w1)) {
          const want = Array.from(w1[name]!, (v, i) => (1 - t) * v + t * w2[name]![i]!);
          Array.from(got[name]!).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
        }
        disposeTensors(phi);
      }
    }
    disposeTensors(theta);
    s.dispose();
  });

  test('the gradient w.r.t. θ equals autodiff through φ_θ(t) (independent computation)', async () => {
    const s = setup();
    const rng = makeRng(3);
    const theta = Object.fromEntries(
      Object.entries(s.ends.w1).map(([k, t]) => [
        k,
        tf.randomNormal(t.shape, 0, 0.5, 'float32', 4),
      ]),
    ) as Params;
    for (const kind of KINDS) {
      const t = 0.1 + 0.8 * rng();
      const wd = 0.01;
      const [c1, ct, c2] = curveCoefficients(kind, t);
      const names = Object.keys(theta);
      // Differentiate the whole objective with θ as the variable, φ built inside the recording.
      const f = (...ws: tf.Tensor[]) => {
        const phi: Params = {};
        names.forEach((n, i) => {
          phi[n] = tf.addN([
            tf.mul(s.ends.w1[n]!, c1),
            tf.mul(ws[i]!, ct),
            tf.mul(s.ends.w2[n]!, c2),
          ]);
        });
        const out = apply(SPEC, phi, s.state, s.batch.x, 'train');
        tf.dispose(Object.values(out.state));
        const l2 = tf.addN(Object.values(phi).map((p) => tf.sum(tf.square(p))));
        return tf.add(softmaxCrossEntropy(out.logits, s.batch.y), tf.mul(l2, wd / 2)) as tf.Scalar;
      };
      const ref = tf.valueAndGrads(f)(names.map((n) => theta[n]!));
      const got = curveGradient(
        { spec: SPEC, state: s.state, ends: s.ends, kind, weightDecay: wd },
        theta,
        t,
        s.batch,
      );
      for (const [i, n] of names.entries()) {
        const want = await ref.grads[i]!.data();
        const have = await got.grads[n]!.data();
        expect(have.length).toBe(want.length);
        have.forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 5));
      }
      tf.dispose([ref.value, ...ref.grads, got.loss]);
      disposeTensors(got.grads);
    }
    disposeTensors(theta);
    s.dispose();
  });

  test('training moves θ and leaves both ends bit for bit; no tensor leaks', async () => {
    const s = setup();
    const before1 = await read(s.ends.w1);
    const before2 = await read(s.ends.w2);
    const stateBefore = await read(s.state);
    const n0 = tf.memory().numTensors;
    const opt = sgd({ lr: 0.1, momentum: 0.9 });
    const theta0 = midpointBend(s.ends);
    let curve = { theta: theta0, optState: opt.init(theta0) };
    const problem = {
      spec: SPEC,
      state: s.state,
      ends: s.ends,
      kind: 'bezier' as const,
      weightDecay: 5e-4,
    };
    const start = await read(curve.theta);
    for (const t of [0.3, 0.6, 0.5, 0.9]) {
      const out = curveStep(problem, opt, curve, t, s.batch, 0.1);
      expect(Number.isFinite((await out.loss.data())[0])).toBe(true);
      out.loss.dispose();
      curve = out.curve;
    }
    const end = await read(curve.theta);
    expect(end['layer1/kernel']).not.toEqual(start['layer1/kernel']);
    for (const t of [0, 1]) {
      const phi = await readOwned(curvePoint(s.ends, curve.theta, 'bezier', t));
      expect(phi).toEqual(t === 0 ? before1 : before2);
    }
    expect(await read(s.ends.w1)).toEqual(before1);
    expect(await read(s.ends.w2)).toEqual(before2);
    expect(await read(s.state)).toEqual(stateBefore);
    disposeTensors(curve.theta);
    opt.disposeState(curve.optState);
    expect(tf.memory().numTensors).toBe(n0);
    s.dispose();
  });

  test('plane coordinates reproduce w₁, w₂ and θ; the chain passes through θ', async () => {
    const s = setup();
    const theta = Object.fromEntries(
      Object.entries(s.ends.w1).map(([k, t]) => [
        k,
        tf.randomNormal(t.shape, 0, 0.3, 'float32', 9),
      ]),
    ) as Params;
    const n0 = tf.memory().numTensors;
    const plane = await curvePlane(s.ends, theta);
    const rebuilt = async (x: number, y: number) =>
      readOwned(
        Object.fromEntries(
          Object.entries(s.ends.w1).map(([k, w]) => [
            k,
            tf.tidy(() => w.add(plane.u[k]!.mul(x)).add(plane.v[k]!.mul(y))),
          ]),
        ),
      );
    const points: [Params, number, number][] = [
      [s.ends.w1, 0, 0],
      [s.ends.w2, plane.dx, 0],
      [theta, plane.bendX, plane.dy],
    ];
    for (const [p, x, y] of points) {
      const want = await read(p);
      const got = await rebuilt(x, y);
      for (const k of Object.keys(want)) {
        got[k]!.forEach((v, i) => expect(v).toBeCloseTo(want[k]![i]!, 4));
      }
    }
    const paths = pathCoordinates(plane, 'polychain', [0, 0.5, 1]);
    expect(paths.curve.x).toEqual([0, plane.bendX, plane.dx]);
    expect(paths.curve.y).toEqual([0, plane.dy, 0]);
    expect(paths.line.y).toEqual([0, 0, 0]);
    disposePlane(plane);
    expect(tf.memory().numTensors).toBe(n0);
    disposeTensors(theta);
    s.dispose();
  });
});
