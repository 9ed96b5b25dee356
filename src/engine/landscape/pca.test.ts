import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Params } from '../types';
import { disposeParams, dotParams, mapParams, normParams, offsetParams } from './combine';
import { orthogonalize, randomDirection } from './directions';
import { pcaDirections } from './pca';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function scalar(t: tf.Scalar): Promise<number> {
  const v = (await t.data())[0]!;
  t.dispose();
  return v;
}

function unit(p: Params): Params {
  return tf.tidy(() => {
    const n = normParams(p);
    return mapParams(p, (t) => tf.div(t, n));
  });
}

describe('pcaDirections', () => {
  it('recovers the two directions of a planar trajectory and their variance ratios', async () => {
    const shapes: Params = {
      'layer0/kernel': tf.zeros([3, 3, 1, 2]),
      'layer0/bias': tf.zeros([2]),
    };
    const final = randomDirection(shapes, 1);
    const r1 = randomDirection(shapes, 2);
    const u1 = unit(r1);
    const r2 = orthogonalize(u1, randomDirection(shapes, 3));
    const u2 = unit(r2);
    const offset = randomDirection(shapes, 4);
    // Zero-mean, mutually orthogonal coordinate sequences; the common offset must be centred away.
    const s = [3, 1, -1, -3];
    const t = [1, -1, -1, 1];
    const checkpoints = s.map((si, i) => offsetParams(final, [u1, u2, offset], [si, t[i]!, 0.7]));
    checkpoints.push(offsetParams(final, [], []));
    const count = tf.memory().numTensors;
    const r = await pcaDirections(checkpoints);
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

  it('needs at least three checkpoints', async () => {
    await expect(pcaDirections([{}, {}])).rejects.toThrow('at least 3');
  });
});
