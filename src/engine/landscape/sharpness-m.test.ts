import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Params } from '../types';
import { mSharpness } from './sharpness-m';
import { rhoSharpness } from './sharpness';

/** L_S(w) = a_S·w + c_S: its max over ‖ε‖₂ ≤ ρ is exactly ρ‖a_S‖, SAM's ε attains it. */
const linear = (a: number[], c: number) => (p: Params) =>
  tf.tidy(() => tf.add(tf.sum(tf.mul(p.w!, tf.tensor1d(a))), c) as tf.Scalar);

describe('m-sharpness (Foret et al. 2021 §4.1)', () => {
  it('averages ρ‖a_S‖ over linear sets, above the whole sample’s ρ‖mean a_S‖', async () => {
    const sets = [
      [3, 4],
      [0, -1],
      [-3, 0],
    ];
    const rho = 0.1;
    const params = { w: tf.tensor1d([0.5, -2]) };
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const r = await mSharpness(
      sets.map((a, j) => linear(a, j)),
      params,
      { m: 4, rho, steps: 3, onProgress: (p) => progress.push(p.done / p.total) },
    );
    expect(tf.memory().numTensors).toBe(before);
    const norms = [5, 1, 3].map((n) => rho * n);
    r.perSet.forEach((s, j) => expect(s).toBeCloseTo(norms[j]!, 5));
    expect(r.mean).toBeCloseTo(0.3, 5);
    expect(r.firstOrderMean).toBeCloseTo(0.3, 5);
    // Sample sd of (0.5, 0.1, 0.3) is 0.2; over √3 sets.
    expect(r.stdError).toBeCloseTo(0.2 / Math.sqrt(3), 5);
    expect(r).toMatchObject({ m: 4, rho, sets: 3 });
    // Progress runs over all sets' ascent steps, monotonically to 1.
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // The mean of the sets' losses is linear with a = mean a_S = (0, 1): ρ·1 < m-sharpness.
    const whole = await rhoSharpness(linear([0, 1], 0), params, { rho, steps: 3 });
    expect(whole.sharpness).toBeCloseTo(0.1, 5);
    expect(whole.sharpness).toBeLessThan(r.mean);
    params.w.dispose();
  });

  it('is the ρ-sharpness when the one set is the whole sample', async () => {
    const params = { w: tf.tensor1d([0.3, -0.7]) };
    const loss = (p: Params) =>
      tf.tidy(() => tf.sum(tf.mul(tf.tensor1d([1, 3]), tf.square(p.w!))) as tf.Scalar);
    const one = await mSharpness([loss], params, { m: 200, rho: 0.2 });
    const plain = await rhoSharpness(loss, params, { rho: 0.2 });
    expect(one.mean).toBe(plain.sharpness);
    expect(one.sets).toBe(1);
    expect(Number.isNaN(one.stdError)).toBe(true);
    params.w.dispose();
  });
});
