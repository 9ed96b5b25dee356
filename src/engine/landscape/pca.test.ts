import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { scalar } from './testing/setup';
import type { Params } from '../types';
import { disposeParams, dotParams, normParams, offsetParams, unitParams } from './combine';
import { orthogonalize, randomDirection } from './directions';
import { pcaDirections } from './pca';

describe('pcaDirections', () => {
  it('recovers the two directions of a planar trajectory and their variance ratios', async () => {
    const shapes: Params = {
      'layer0/kernel': tf.zeros([3, 3, 1, 2]),
      'layer0/bias': tf.zeros([2]),
    };
    const final = randomDirection(shapes, 1);
    const r1 = randomDirection(shapes, 2);
    const u1 = unitParams(r1);
    const r2 = orthogonalize(u1, randomDirection(shapes, 3));
    const u2 = unitParams(r2);
    const offset = randomDirection(shapes, 4);
    // Zero-mean, mutually orthogonal coordinate sequences; the common offset must be centred away.
    const s = [3, 1, -1, -3];
    const t = [1, -1, -1, 1];
    const checkpoints = s.map((si, i) => offsetParams(final, [u1, u2, offset], [si, t[i]!, 0.7]));
    checkpoints.push(offsetParams(final, [], []));
    const count = tf.memory().numTensors;
    // Without the final zero row the 0.7 offset is common to every row and centred away.
    const r = await pcaDirections(checkpoints, { includeFinal: false });
    expect(r.explainedVarianceRatio[0]).toBeCloseTo(20 / 24, 5);
    expect(r.explainedVarianceRatio[1]).toBeCloseTo(4 / 24, 5);
    expect(Math.abs(await scalar(dotParams(r.components[0], u1)))).toBeCloseTo(1, 5);
    expect(Math.abs(await scalar(dotParams(r.components[1], u2)))).toBeCloseTo(1, 5);
    expect(await scalar(normParams(r.components[0]))).toBeCloseTo(1, 5);
    expect(r.coords.a).toHaveLength(5);
    expect(r.coords.a[4]).toBeCloseTo(0, 6);
    const sign = Math.sign(r.coords.a[0]! - r.coords.a[1]!);
    expect(sign * (r.coords.a[0]! - r.coords.a[3]!)).toBeCloseTo(6, 4);
    r.components.forEach(disposeParams);
    expect(tf.memory().numTensors).toBe(count);
    [shapes, final, r1, u1, r2, u2, offset, ...checkpoints].forEach(disposeParams);
  });

  it('keeps the final checkpoint as a zero row by default, as Li et al.´s plot_trajectory.py', async () => {
    const shapes: Params = { 'layer0/kernel': tf.zeros([2, 3]), 'layer0/bias': tf.zeros([3]) };
    const final = randomDirection(shapes, 5);
    const u1 = unitParams(randomDirection(shapes, 6));
    const u2 = unitParams(orthogonalize(u1, randomDirection(shapes, 7)));
    // In-plane coordinates (s, t) of wᵢ − w_final; the final checkpoint is (0, 0).
    const s = [4, 2, 1];
    const t = [0, 1, 0];
    const checkpoints = s.map((si, i) => offsetParams(final, [u1, u2], [si, t[i]!]));
    checkpoints.push(offsetParams(final, [], []));
    const li = await pcaDirections(checkpoints);
    const without = await pcaDirections(checkpoints, { includeFinal: false });
    // Reference: the top eigenvalue share of the 2×2 scatter matrix of the centred (s, t) rows.
    const ratio = (ss: number[], ts: number[]) => {
      const ms = ss.reduce((a, b) => a + b) / ss.length;
      const mt = ts.reduce((a, b) => a + b) / ts.length;
      const [a, b, c] = [
        ss.reduce((x, v) => x + (v - ms) ** 2, 0),
        ss.reduce((x, v, i) => x + (v - ms) * (ts[i]! - mt), 0),
        ts.reduce((x, v) => x + (v - mt) ** 2, 0),
      ];
      const top = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
      return top / (a + c);
    };
    const withZero = ratio([...s, 0], [...t, 0]); // 0.9219…
    const noZero = ratio(s, t); // 0.8802…
    expect(Math.abs(withZero - noZero)).toBeGreaterThan(0.01);
    expect(li.explainedVarianceRatio[0]).toBeCloseTo(withZero, 5);
    expect(without.explainedVarianceRatio[0]).toBeCloseTo(noZero, 5);
    expect(li.explainedVarianceRatio[0] + li.explainedVarianceRatio[1]).toBeCloseTo(1, 5);
    // Both keep the final point at the origin of the plane.
    expect(li.coords.a[3]).toBeCloseTo(0, 6);
    [...li.components, ...without.components].forEach(disposeParams);
    [shapes, final, u1, u2, ...checkpoints].forEach(disposeParams);
  });

  it('needs at least three checkpoints', async () => {
    await expect(pcaDirections([{}, {}])).rejects.toThrow('at least 3');
  });
});
