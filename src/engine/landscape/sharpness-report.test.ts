import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { initModel } from '../model/init';
import { modelHvp } from '../tangent/hvp';
import type { ModelSpec, Params } from '../types';
import { disposeParams, mapParams } from './combine';
import { CancelledError } from '../../domain/cancel';
import { rhoSharpness, valueAndGradient } from './sharpness';
import { averageSharpness } from './sharpness-average';
import { SHARPNESS_STAGES, sharpnessReport, type SharpnessProgress } from './sharpness-report';

/** Tiny conv net: conv 3×3×1→3, ReLU, 2×2 max-pool, dense 12→3 (69 parameters). */
const SPEC: ModelSpec = {
  input: [6, 6, 1],
  layers: [
    { type: 'conv2d', filters: 3, kernel: 3, padding: 'valid', bias: true },
    { type: 'relu' },
    { type: 'maxpool', size: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 3, bias: true },
  ],
};

let x: tf.Tensor4D;
let y: tf.Tensor1D;
let params: Params;
const lossFn = (p: Params) => tf.tidy(() => evaluate(SPEC, p, {}, x, y).loss);

beforeAll(async () => {
  x = tf.randomUniform([16, 6, 6, 1], 0, 1, 'float32', 11) as tf.Tensor4D;
  y = tf.tensor1d(
    Array.from({ length: 16 }, (_, i) => (i * 7) % 3),
    'int32',
  );
  // A few full-batch gradient steps, so the weights sit lower in a basin as a trained model's.
  params = initModel(SPEC, 3).params;
  for (let i = 0; i < 40; i++) {
    const { value, grads } = valueAndGradient(lossFn, params);
    const next = mapParams(params, (w, n) => tf.sub(w, tf.mul(grads[n]!, 0.5)));
    [params, grads].forEach(disposeParams);
    value.dispose();
    params = next;
  }
});

afterAll(() => {
  disposeParams(params);
  tf.dispose([x, y]);
});

describe('sharpness of a small conv model', () => {
  it('worst-case ≥ SAM´s first-order estimate and ≥ average-case with noise inside the ball', async () => {
    const rho = 0.05;
    const worst = await rhoSharpness(lossFn, params, { rho });
    // Per-coordinate σ = ρ/(2√n): ‖δ‖ ≈ ρ/2, inside the ball (‖δ‖ > ρ has probability ~1e-9).
    const sigma = rho / (2 * Math.sqrt(69));
    const avg = await averageSharpness(lossFn, params, { rho: sigma, samples: 10 });
    expect(worst.firstOrderSharpness).toBeGreaterThan(0);
    expect(worst.sharpness).toBeGreaterThanOrEqual(worst.firstOrderSharpness);
    expect(worst.sharpness).toBeGreaterThan(avg.mean);
    expect(worst.epsNorm).toBeLessThanOrEqual(rho * (1 + 1e-5));
    expect(worst.baseLoss).toBeCloseTo(avg.baseLoss, 6);
  });

  it('sharpnessReport runs every stage in order, plain numbers, no leaks, params unchanged', async () => {
    const before = await Promise.all(Object.values(params).map((t) => t.data()));
    const count = tf.memory().numTensors;
    const events: SharpnessProgress[] = [];
    const opts = {
      seed: 2,
      eigen: { maxIter: 20, tol: 1e-3 },
      trace: { samples: 5 },
      worstCase: { steps: 4 },
      adaptive: { steps: 4 },
      average: { samples: 5 },
      // m-sharpness over the first and second halves of the sample (m = 8).
      mSets: {
        m: 8,
        losses: [0, 8].map(
          (start) => (p: Params) =>
            tf.tidy(() => {
              const xs = tf.slice(x, start, 8);
              return evaluate(SPEC, p, {}, xs, tf.slice(y, start, 8)).loss;
            }),
        ),
      },
      onProgress: (p: SharpnessProgress) => events.push(p),
    };
    const r = await sharpnessReport({ loss: lossFn, hvp: modelHvp(SPEC, {}, x, y) }, params, opts);
    expect(tf.memory().numTensors).toBe(count);
    expect(await Promise.all(Object.values(params).map((t) => t.data()))).toEqual(before);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.parameters).toBe(69);
    expect(r.lambdaMax!.value).toBeGreaterThan(0);
    expect(r.trace!.trace).toBeGreaterThan(0);
    expect(r.rhoSharpness!.rho).toBe(0.05);
    expect(r.adaptiveSharpness!.rho).toBe(2);
    expect(r.adaptiveSharpness!.adaptive).toBe(true);
    expect(r.averageSharpness!.samples).toBe(5);
    expect(r.quadraticWorstCase).toBeCloseTo(0.5 * r.lambdaMax!.value * 0.05 ** 2, 12);
    expect(r.quadraticAverageCase).toBeCloseTo(0.5 * 0.05 ** 2 * r.trace!.trace, 12);
    expect(r.rhoSharpness!.baseLoss).toBeCloseTo(r.baseLoss, 6);
    // Stages report in order, each from 0 to its total.
    const order = events.map((e) => e.stageIndex);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // All seven, each ending in the documented order.
    expect(SHARPNESS_STAGES).toHaveLength(7);
    expect(r.mSharpness).toMatchObject({ m: 8, sets: 2, rho: 0.05 });
    expect(r.mSharpness!.mean).toBeGreaterThanOrEqual(r.mSharpness!.firstOrderMean);
    const ended = events.filter((e) => e.done === e.total).map((e) => e.stage);
    expect(ended).toEqual(SHARPNESS_STAGES);
    expect(r.averageSharpness!.direction).toBe('gaussian');
    expect(r.adaptiveAverageSharpness!).toMatchObject({ direction: 'adaptive', rho: 0.05 });
    // The report's stages are the standalone functions with the same options.
    const direct = await rhoSharpness(lossFn, params, { seed: 2, steps: 4, rho: 0.05 });
    expect(r.rhoSharpness).toEqual(direct);
  });

  it('runs only the selected stages and cancels between them', async () => {
    const count = tf.memory().numTensors;
    const r = await sharpnessReport({ loss: lossFn, hvp: modelHvp(SPEC, {}, x, y) }, params, {
      stages: ['averageSharpness', 'rhoSharpness'],
      worstCase: { steps: 1 },
      average: { samples: 2 },
    });
    expect([r.lambdaMax, r.trace, r.adaptiveSharpness, r.quadraticWorstCase]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(r.rhoSharpness!.evaluations).toBe(2);
    let stage = '';
    const run = sharpnessReport({ loss: lossFn, hvp: modelHvp(SPEC, {}, x, y) }, params, {
      stages: ['rhoSharpness', 'averageSharpness'],
      worstCase: { steps: 1 },
      onProgress: (p) => (stage = p.stage),
      isCancelled: () => stage === 'averageSharpness',
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(count);
  });
});
