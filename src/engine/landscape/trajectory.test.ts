import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { scalar } from './testing/setup';
import type { Params } from '../types';
import { disposeParams, dotParams, normParams, offsetParams, unitParams } from './combine';
import { orthogonalize, randomDirection } from './directions';
import { projectOntoPlane, trajectoryPca, trajectoryPlane } from './trajectory';

const shapes = (): Params => ({
  'layer0/kernel': tf.zeros([3, 3, 1, 4]),
  'layer0/bias': tf.zeros([4]),
  'layer3/kernel': tf.zeros([8, 10]),
});

describe('trajectory projection', () => {
  it('projects a path along d1 onto the a axis exactly, and w0 + a·d1 + b·d2 back to (a, b)', async () => {
    const like = shapes();
    const w0 = randomDirection(like, 11);
    const [d1, d2] = trajectoryPlane(w0, 5);
    expect(Math.abs(await scalar(dotParams(d1, d2)))).toBeLessThan(1e-4);
    const ts = [0, 0.25, -0.5, 1, 2];
    const path = ts.map((t) => offsetParams(w0, [d1], [t]));
    const count = tf.memory().numTensors;
    const onAxis = await projectOntoPlane(path, w0, d1, d2);
    expect(tf.memory().numTensors).toBe(count);
    onAxis.a.forEach((a, i) => expect(a).toBeCloseTo(ts[i]!, 5));
    onAxis.b.forEach((b) => expect(Math.abs(b)).toBeLessThan(1e-5));

    const point = offsetParams(w0, [d1, d2], [0.3, -0.7]);
    const p = await projectOntoPlane([point], w0, d1, d2);
    expect(p.a[0]).toBeCloseTo(0.3, 5);
    expect(p.b[0]).toBeCloseTo(-0.7, 5);
    expect(await projectOntoPlane([], w0, d1, d2)).toEqual({ a: [], b: [] });
    [like, w0, d1, d2, point, ...path].forEach(disposeParams);
  });

  it('finds the plane of trajectories that stay in one plane and projects them isometrically', async () => {
    const like = shapes();
    const w0 = randomDirection(like, 1);
    const u1 = unitParams(randomDirection(like, 2));
    const raw = orthogonalize(u1, randomDirection(like, 3));
    const u2 = unitParams(raw);
    const steps = [
      [
        [1, 0.2],
        [2, 0.1],
        [3, -0.4],
      ],
      [
        [0.5, 1],
        [0.2, 2.5],
        [-0.3, 3],
      ],
    ];
    const paths = steps.map((run) => [
      offsetParams(w0, [], []),
      ...run.map(([x, y]) => offsetParams(w0, [u1, u2], [x!, y!])),
    ]);
    const count = tf.memory().numTensors;
    const r = await trajectoryPca(paths, w0);
    expect(r.explainedVarianceRatio[0] + r.explainedVarianceRatio[1]).toBeCloseTo(1, 5);
    expect(r.explainedVarianceRatio[0]).toBeGreaterThanOrEqual(r.explainedVarianceRatio[1]);
    // The components span the same plane as u1, u2: both are unit and inside span(u1, u2).
    for (const c of r.components) {
      const x = await scalar(dotParams(c, u1));
      const y = await scalar(dotParams(c, u2));
      expect(Math.hypot(x, y)).toBeCloseTo(1, 4);
    }
    const [c1, c2] = r.components;
    const flat = paths.flat();
    const coords = await projectOntoPlane(flat, w0, c1, c2);
    // Points in the plane keep their distance from w0.
    for (const [i, p] of flat.entries()) {
      const d = offsetParams(p, [w0], [-1]);
      const dist = await scalar(normParams(d));
      disposeParams(d);
      expect(Math.hypot(coords.a[i]!, coords.b[i]!)).toBeCloseTo(dist, 4);
    }
    expect(coords.a[0]).toBeCloseTo(0, 6);
    r.components.forEach(disposeParams);
    expect(tf.memory().numTensors).toBe(count);
    [like, w0, u1, raw, u2, ...flat].forEach(disposeParams);
  });

  it('needs two checkpoints after the start', async () => {
    const w0 = shapes();
    await expect(trajectoryPca([[w0, w0]], w0)).rejects.toThrow('at least two');
    disposeParams(w0);
  });
});
