import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../domain/cancel';
import { ensembleCurve, type EnsembleMember } from './ensemble';
import { evaluate } from './evaluate';
import { apply } from './model/apply';
import { initModel } from './model/init';
import { MODEL_ZOO } from './model/zoo';
import type { ModelSpec } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Softmax of one row of logits, in float64 (independent of the engine's softmax). */
function softmaxRow(row: ArrayLike<number>): number[] {
  const m = Math.max(...Array.from(row));
  const e = Array.from(row, (v) => Math.exp(v - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

const argmax = (r: number[]) => r.reduce((best, v, i) => (v > r[best]! ? i : best), 0);

async function logitsOf(spec: ModelSpec, m: EnsembleMember, x: tf.Tensor4D) {
  const { logits } = apply(spec, m.params, m.state, x, 'eval');
  const k = logits.shape[1]!;
  const v = await logits.data();
  logits.dispose();
  return Array.from({ length: x.shape[0] }, (_, i) => v.subarray(i * k, (i + 1) * k));
}

function setup(model: 'mlp' | 'bn-cnn', members: number) {
  const spec = MODEL_ZOO[model].spec([12, 12, 1], 5);
  const snaps = Array.from({ length: members }, (_, i) => initModel(spec, 11 + i));
  const x = tf.randomUniform([40, 12, 12, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
  const y = tf.tensor1d(
    Array.from({ length: 40 }, (_, i) => (i * 7) % 5),
    'int32',
  );
  const free = () => {
    snaps.forEach((s) => tf.dispose([...Object.values(s.params), ...Object.values(s.state)]));
    tf.dispose([x, y]);
  };
  return { spec, snaps, x, y, free };
}

describe('ensembleCurve', () => {
  it('FGE accuracy is the argmax accuracy of the mean snapshot probabilities', async () => {
    const { spec, snaps, x, y, free } = setup('mlp', 4);
    const before = tf.memory().numTensors;
    const curve = await ensembleCurve(spec, snaps, { x, y }, [x]);
    const labels = Array.from(await y.data());
    const probs = await Promise.all(
      snaps.map(async (m) => (await logitsOf(spec, m, x)).map(softmaxRow)),
    );
    for (let k = 1; k <= snaps.length; k++) {
      let correct = 0;
      let nll = 0;
      labels.forEach((label, i) => {
        const mean = probs[0]![i]!.map(
          (_, c) => probs.slice(0, k).reduce((s, p) => s + p[i]![c]!, 0) / k,
        );
        if (argmax(mean) === label) correct += 1;
        nll -= Math.log(mean[label]!);
      });
      expect(curve.fgeAcc[k - 1]).toBeCloseTo(correct / labels.length, 6);
      expect(curve.fgeNll[k - 1]).toBeCloseTo(nll / labels.length, 4);
      const own = labels.filter((l, i) => argmax(probs[k - 1]![i]!) === l).length;
      expect(curve.memberAcc[k - 1]).toBeCloseTo(own / labels.length, 6);
    }
    expect(curve.k).toEqual([1, 2, 3, 4]);
    // One model: FGE and SWA are the same predictor.
    expect(curve.swaAcc[0]).toBeCloseTo(curve.fgeAcc[0]!, 6);
    expect(curve.fgeMs.every((v, i) => i === 0 || v >= curve.fgeMs[i - 1]!)).toBe(true);
    expect(curve.swaMs.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    free();
  });

  it('SWA is the model with the mean of the first k weights', async () => {
    const { spec, snaps, x, y, free } = setup('mlp', 3);
    const before = tf.memory().numTensors;
    const curve = await ensembleCurve(spec, snaps, { x, y }, [x]);
    for (let k = 1; k <= 3; k++) {
      const mean = Object.fromEntries(
        Object.keys(snaps[0]!.params).map((n) => [
          n,
          tf.tidy(() => tf.div(tf.addN(snaps.slice(0, k).map((s) => s.params[n]!)), k)),
        ]),
      );
      const r = evaluate(spec, mean, snaps[0]!.state, x, y);
      expect(curve.swaAcc[k - 1]).toBeCloseTo((await r.accuracy.data())[0]!, 6);
      expect(curve.swaNll[k - 1]).toBeCloseTo((await r.loss.data())[0]!, 4);
      tf.dispose([r.accuracy, r.loss, ...Object.values(mean)]);
    }
    expect(tf.memory().numTensors).toBe(before);
    free();
  });

  it('recomputes BatchNorm for the average, leaks nothing and can be cancelled', async () => {
    const { spec, snaps, x, y, free } = setup('bn-cnn', 2);
    const before = tf.memory().numTensors;
    const curve = await ensembleCurve(spec, snaps, { x, y }, [x]);
    expect([...curve.fgeAcc, ...curve.swaAcc, ...curve.swaNll].every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    let polls = 0;
    const cancelled = ensembleCurve(spec, snaps, { x, y }, [x], { isCancelled: () => ++polls > 1 });
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
    await expect(ensembleCurve(spec, [], { x, y }, [x])).rejects.toThrow(/no snapshots/);
    free();
  });
});
