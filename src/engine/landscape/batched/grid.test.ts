import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { initModel } from '../../model/init';
import { MODEL_ZOO, type ZooModelId } from '../../model/zoo';
import type { ModelSpec, ModelState, Params } from '../../types';
import { disposeParams } from '../combine';
import { filterNormalizedDirection } from '../directions';
import { CancelledError } from '../../../domain/cancel';
import { type EvalFns } from '../points';
import type { GridResult } from '../../../domain/api';
import { grid2d } from '../surface';
import {
  chooseGridPath,
  grid2dAuto,
  gridProblemKey,
  isGridPathCalibrated,
  resetGridPathCalibration,
} from './choose';
import { makeBatchedEvalFns, type EvalSets } from './evaluate';
import { grid2dBatched } from './grid';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => resetGridPathCalibration());

interface Setup {
  spec: ModelSpec;
  params: Params;
  state: ModelState;
  d1: Params;
  d2: Params;
  sets: EvalSets;
}

function setup(id: ZooModelId, n = 5): Setup {
  const spec = MODEL_ZOO[id].spec([28, 28, 1]);
  const { params, state } = initModel(spec, 3);
  const set = (seed: number) => ({
    x: tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', seed) as tf.Tensor4D,
    y: tf.randomUniform([n], 0, 10, 'int32', seed + 1) as tf.Tensor1D,
  });
  return {
    spec,
    params,
    state,
    d1: filterNormalizedDirection(params, 11),
    d2: filterNormalizedDirection(params, 12),
    sets: { train: set(20), test: set(30) },
  };
}

function teardown(s: Setup): void {
  [s.params, s.state, s.d1, s.d2].forEach(disposeParams);
  tf.dispose([s.sets.train.x, s.sets.train.y, s.sets.test.x, s.sets.test.y]);
}

function perPointFns(s: Setup): EvalFns {
  return {
    train: (p) => evaluate(s.spec, p, s.state, s.sets.train.x, s.sets.train.y),
    test: (p) => evaluate(s.spec, p, s.state, s.sets.test.x, s.sets.test.y),
  };
}

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
