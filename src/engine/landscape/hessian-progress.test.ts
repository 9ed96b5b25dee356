import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Params } from '../types';
import { disposeParams } from './combine';
import { hessianLambdaMax, hessianTopEigen, hessianTrace } from './hessian';
import { CancelledError } from '../../domain/cancel';
import { type Progress } from './points';
import { sharpnessReport, type SharpnessProgress } from './sharpness-report';
import { finiteDifferenceHvp } from './testing/finite-difference';

/** L(w) = ½ Σ hᵢ wᵢ² + ¼ Σ wᵢ⁴ over one tensor; `h` with a negative entry makes a saddle. */
function toy(h: number[]) {
  const ht = tf.tensor1d(h);
  const lossFn = (p: Params) =>
    tf.tidy(
      () =>
        tf.add(
          tf.mul(0.5, tf.sum(tf.mul(ht, tf.square(p.w!)))),
          tf.mul(0.25, tf.sum(tf.pow(p.w!, 4))),
        ) as tf.Scalar,
    );
  const params: Params = { w: tf.tensor1d(h.map((_, i) => 0.05 * Math.sin(i + 1))) };
  return { lossFn, params, dispose: () => tf.dispose([ht, params.w!]) };
}

/** Fractions done/total, checked to be non-decreasing, never above 1, ending at exactly 1. */
function expectMonotoneToOne(progress: Progress[]): void {
  const f = progress.map((p) => p.done / p.total);
  expect(f.length).toBeGreaterThan(1);
  f.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(i > 0 ? f[i - 1]! : 0));
  expect(Math.max(...f)).toBeLessThanOrEqual(1);
  expect(f.at(-1)).toBe(1);
}

describe('intra-stage progress of the Hessian measures', () => {
  it('power iteration reports each product and reaches 1, also through the shifted pass', async () => {
    for (const h of [
      [0.5, 1, 12, 2, 0.25],
      [-9, 3, 1, 0.5, -1],
    ]) {
      const t = toy(h);
      const before = tf.memory().numTensors;
      const progress: Progress[] = [];
      const r = await hessianLambdaMax(finiteDifferenceHvp(t.lossFn), t.params, {
        seed: 1,
        maxIter: 300,
        onProgress: (p) => progress.push(p),
      });
      expectMonotoneToOne(progress);
      // One report per product, then the completion.
      expect(progress).toHaveLength(r.iterations + 1);
      disposeParams(r.vector);
      expect(tf.memory().numTensors).toBe(before);
      t.dispose();
    }
  });

  it('Hutchinson reports each probe; both stop early on cancel without leaking', async () => {
    const t = toy([0.5, 1, 12, 2, 0.25]);
    const before = tf.memory().numTensors;
    const progress: Progress[] = [];
    await hessianTrace(finiteDifferenceHvp(t.lossFn), t.params, {
      samples: 6,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expectMonotoneToOne(progress);

    let probes = 0;
    const trace = hessianTrace(finiteDifferenceHvp(t.lossFn), t.params, {
      samples: 50,
      onProgress: () => probes++,
      isCancelled: () => probes >= 3,
    });
    await expect(trace).rejects.toBeInstanceOf(CancelledError);
    expect(probes).toBe(3);
    let products = 0;
    const eig = hessianTopEigen(finiteDifferenceHvp(t.lossFn), t.params, {
      tol: 0,
      maxIter: 100,
      onProgress: () => products++,
      isCancelled: () => products >= 4,
    });
    await expect(eig).rejects.toBeInstanceOf(CancelledError);
    expect(products).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('the sharpness report moves inside every stage and honours cancel inside one', async () => {
    const t = toy([0.5, 1, 12, 2, 0.25]);
    const before = tf.memory().numTensors;
    const byStage = new Map<string, Progress[]>();
    const opts = {
      eigen: { maxIter: 20 },
      trace: { samples: 5 },
      average: { samples: 4 },
      worstCase: { steps: 3 },
      adaptive: { steps: 3 },
    };
    await sharpnessReport({ loss: t.lossFn, hvp: finiteDifferenceHvp(t.lossFn) }, t.params, {
      ...opts,
      onProgress: (p: SharpnessProgress) =>
        byStage.set(p.stage, [...(byStage.get(p.stage) ?? []), p]),
    });
    expect(byStage.size).toBe(6);
    for (const progress of byStage.values()) {
      expectMonotoneToOne(progress);
      // Besides the stage's start and end, at least one report from inside it.
      expect(progress.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    }

    let traceReports = 0;
    const run = sharpnessReport({ loss: t.lossFn, hvp: finiteDifferenceHvp(t.lossFn) }, t.params, {
      ...opts,
      trace: { samples: 40 },
      onProgress: (p) => p.stage === 'trace' && p.done > 0 && traceReports++,
      isCancelled: () => traceReports >= 2,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(traceReports).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });
});
