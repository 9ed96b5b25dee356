import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ZooModelId } from '../../model/zoo';
import { disposeGridSetup, gridSetup, perPointFns } from '../testing/setup';
import { CancelledError } from '../../../domain/cancel';
import type { GridResult } from '../../../domain/api';
import { grid2d } from '../surface';
import {
  chooseGridPath,
  grid2dAuto,
  gridProblemKey,
  isGridPathCalibrated,
  resetGridPathCalibration,
} from './choose';
import { makeBatchedEvalFns } from './evaluate';
import { grid2dBatched } from './grid';

afterEach(() => resetGridPathCalibration());

const setup = (id: ZooModelId, n = 5) => gridSetup(id, n);
const teardown = disposeGridSetup;

function maxGridDiff(a: GridResult, b: GridResult): number {
  let worst = 0;
  for (const key of ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'] as const) {
    a[key].forEach((row, i) =>
      row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - b[key][i]![j]!)))),
    );
  }
  return worst;
}

const AS = [-1, -0.5, 0, 0.5, 1];
const BS = [-0.6, 0, 0.6];

describe('grid2dBatched', () => {
  it.each(['tiny-cnn', 'bn-cnn'] as ZooModelId[])(
    '%s: same grid as grid2d, one readback per row, no leaks',
    async (id) => {
      const s = setup(id);
      const want = await grid2d(s.params, s.d1, s.d2, AS, BS, perPointFns(s));
      // K = 2 does not divide the row of 5: the last pass is padded and its extra point dropped.
      const fns = makeBatchedEvalFns(s.spec, s.state, s.sets, 2);
      const before = tf.memory().numTensors;
      const progress: number[] = [];
      const readbacks = { n: 0 };
      const data = tf.Tensor.prototype.data;
      tf.Tensor.prototype.data = function (this: tf.Tensor) {
        readbacks.n += 1;
        return data.call(this);
      } as typeof data;
      let got: GridResult;
      try {
        got = await grid2dBatched(s.params, s.d1, s.d2, AS, BS, fns, {
          onProgress: (p) => progress.push(p.done),
        });
      } finally {
        tf.Tensor.prototype.data = data;
      }
      expect(tf.memory().numTensors).toBe(before);
      expect(readbacks.n).toBe(BS.length);
      expect(progress).toEqual([1, 2, 3]);
      expect(got.a).toEqual(AS);
      expect(got.b).toEqual(BS);
      expect(got.trainLoss).toHaveLength(BS.length);
      expect(got.trainLoss[0]).toHaveLength(AS.length);
      expect(maxGridDiff(got, want)).toBeLessThan(1e-5);
      teardown(s);
    },
  );

  it('stops between rows when cancelled, freeing everything', async () => {
    const s = setup('mlp');
    const fns = makeBatchedEvalFns(s.spec, s.state, s.sets, AS.length);
    const before = tf.memory().numTensors;
    let rows = 0;
    const run = grid2dBatched(s.params, s.d1, s.d2, AS, BS, fns, {
      onProgress: () => (rows += 1),
      isCancelled: () => rows >= 1,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(rows).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    teardown(s);
  });
});

describe('grid2dAuto', () => {
  const BS4 = [-0.6, -0.2, 0.2, 0.6, 1];

  it('calibrates on its own first rows, then reuses the choice', async () => {
    const s = setup('tiny-cnn');
    const model = { spec: s.spec, state: s.state, sets: s.sets };
    const problem = gridProblemKey(s.spec, s.sets, AS.length, AS.length);
    expect(isGridPathCalibrated('cpu', problem)).toBe(false);
    expect(chooseGridPath('cpu', problem)).toBe('per-point');
    const before = tf.memory().numTensors;
    const first = await grid2dAuto(s.params, s.d1, s.d2, AS, BS4, model);
    expect(tf.memory().numTensors).toBe(before);
    expect(first.calibration?.batched).toBeGreaterThan(0);
    expect(first.calibration?.['per-point']).toBeGreaterThan(0);
    expect(isGridPathCalibrated('cpu', problem)).toBe(true);
    expect(chooseGridPath('cpu', problem)).toBe(first.path);

    const second = await grid2dAuto(s.params, s.d1, s.d2, AS, BS4, model);
    expect(second.calibration).toBeUndefined();
    expect(second.path).toBe(first.path);
    const want = await grid2d(s.params, s.d1, s.d2, AS, BS4, perPointFns(s));
    expect(maxGridDiff(first, want)).toBeLessThan(1e-5);
    expect(maxGridDiff(second, want)).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before);
    teardown(s);
  });

  it('interleaved point by point, takes the per-point path without calibrating', async () => {
    const s = setup('tiny-cnn');
    const model = { spec: s.spec, state: s.state, sets: s.sets };
    const problem = gridProblemKey(s.spec, s.sets, AS.length, AS.length);
    expect(isGridPathCalibrated('cpu', problem)).toBe(false);
    let pauses = 0;
    const interleave = { points: 1, between: async () => void (pauses += 1) };
    const r = await grid2dAuto(s.params, s.d1, s.d2, AS, BS4, model, { interleave });
    expect(r.path).toBe('per-point');
    expect(r.calibration).toBeUndefined();
    expect(isGridPathCalibrated('cpu', problem)).toBe(false);
    // One pause between the points of each row, and one after each row.
    expect(pauses).toBe(BS4.length * AS.length);
    const want = await grid2d(s.params, s.d1, s.d2, AS, BS4, perPointFns(s));
    expect(maxGridDiff(r, want)).toBeLessThan(1e-5);
    teardown(s);
  });

  it('takes a forced path without calibrating', async () => {
    const s = setup('lenet5');
    const model = { spec: s.spec, state: s.state, sets: s.sets };
    const r = await grid2dAuto(s.params, s.d1, s.d2, AS, BS4, model, { path: 'batched' });
    expect(r.path).toBe('batched');
    expect(r.calibration).toBeUndefined();
    const want = await grid2d(s.params, s.d1, s.d2, AS, BS4, perPointFns(s));
    expect(maxGridDiff(r, want)).toBeLessThan(1e-5);
    teardown(s);
  });
});
