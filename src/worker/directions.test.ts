import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { disposeParams } from '../engine/landscape/combine';
import { DEFAULT_SETTINGS } from '../schema';
import type { Params } from '../engine/types';
import { buildDirections, DEFAULT_DIRECTIONS, type DirectionContext } from './directions';
import type { RunStore, WeightsTarget } from './runs';

/** Per-filter norms (filters along the last axis) of every rank ≥ 2 tensor, by name. */
async function filterNorms(p: Params): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [name, t] of Object.entries(p)) {
    if (t.rank < 2) continue;
    const n = tf.tidy(() => tf.norm(tf.reshape(t, [-1, t.shape[t.rank - 1]!]), 'euclidean', 0));
    out[name] = Array.from(await n.data());
    n.dispose();
  }
  return out;
}

const shapes: Record<string, number[]> = {
  'layer0/kernel': [3, 3, 1, 4],
  'layer0/bias': [4],
  'layer1/kernel': [36, 10],
};

/** Weights of `shapes` whose filters have norms of very different sizes per run (`scale`). */
function weights(seed: number, scale: number): Params {
  return tf.tidy(() => {
    const out: Params = {};
    Object.entries(shapes).forEach(([name, shape], i) => {
      const last = shape[shape.length - 1]!;
      // Filter j gets scale·(j + 1): runs differ in their filter norms, not by one factor.
      const perFilter = tf.mul(tf.range(1, last + 1), scale);
      out[name] = tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed + i), perFilter);
    });
    return out;
  });
}

/** Just enough of a run store: two runs' final weights, the second "SWA" one at other norms. */
function store(runs: Record<string, Params>): RunStore {
  const target = (runId: string) => ({ params: runs[runId]!, state: {} }) as WeightsTarget;
  return {
    weights: (ref: { runId: string }) => target(ref.runId),
    solution: (runId: string) => ({ runId, which: 'final' }),
  } as unknown as RunStore;
}

function context(runs: RunStore, runId: string, shareWith?: string): DirectionContext {
  return {
    runs,
    target: runs.weights({ runId, which: 'final' }),
    options: { ...DEFAULT_DIRECTIONS, ...(shareWith && { shareWith }) },
    seed: 11,
    objective: { loss: () => tf.scalar(0), hvp: () => ({}) },
  };
}

describe('shared directions keep Li et al.’s scale invariance', () => {
  it('each run normalises the shared raw draw against its own filter norms', async () => {
    const runs = { sgd: weights(1, 1), swa: weights(2, 5) };
    const rs = store(runs);
    const before = tf.memory().numTensors;
    const own = await buildDirections(context(rs, 'sgd'));
    const shared = await buildDirections(context(rs, 'swa', 'sgd'));

    const [wSgd, wSwa] = [await filterNorms(runs.sgd), await filterNorms(runs.swa)];
    for (const which of ['d1', 'd2'] as const) {
      const dSgd = await filterNorms(own[which]);
      const dSwa = await filterNorms(shared[which]);
      for (const name of Object.keys(wSwa)) {
        // Each direction at its own run's filter norms (the old code gave SWA the SGD ones).
        dSwa[name]!.forEach((n, j) => expect(n).toBeCloseTo(wSwa[name]![j]!, 3));
        dSgd[name]!.forEach((n, j) => expect(n).toBeCloseTo(wSgd[name]![j]!, 3));
        // The same raw draw: SWA's direction is SGD's rescaled filter by filter.
        const diff = tf.tidy(() => {
          const ratio = tf.div(tf.tensor1d(wSwa[name]!), tf.tensor1d(wSgd[name]!));
          const expected = tf.mul(own[which][name]!, ratio);
          return tf.max(tf.abs(tf.sub(expected, shared[which][name]!)));
        });
        expect((await diff.data())[0]).toBeLessThan(1e-4 * Math.max(...wSwa[name]!));
        diff.dispose();
      }
      // Biases and BatchNorm parameters stay zero (Li et al.'s ignore='biasbn').
      const bias = await shared[which]['layer0/bias']!.data();
      expect(Array.from(bias)).toEqual([0, 0, 0, 0]);
    }
    [own.d1, own.d2, shared.d1, shared.d2].forEach(disposeParams);
    expect(tf.memory().numTensors).toBe(before);
    Object.values(runs).forEach(disposeParams);
  });

  it('refuses to share directions between runs of different models', async () => {
    const other: Params = { 'layer0/kernel': tf.ones([3, 3, 1, 8]) };
    const runs = { sgd: weights(1, 1), mlp: other };
    const rs = store(runs);
    await expect(buildDirections(context(rs, 'sgd', 'mlp'))).rejects.toThrow(/same model/);
    Object.values(runs).forEach(disposeParams);
  });
});

describe('direction defaults', () => {
  it('are the settings schema’s, which the UI shows and links leave out', () => {
    expect(DEFAULT_DIRECTIONS).toEqual(DEFAULT_SETTINGS.landscape.directions);
  });
});
