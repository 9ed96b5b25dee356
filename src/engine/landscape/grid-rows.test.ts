import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ZooModelId } from '../model/zoo';
import { grid2dAuto, resetGridPathCalibration } from './batched/choose';
import { makeBatchedEvalFns } from './batched/evaluate';
import { grid2dBatched } from './batched/grid';
import type { GridResult } from '../../domain/api';
import { coarseIndices, refinementPlan, subGrid } from './grid-rows';
import { CancelledError } from '../../domain/cancel';
import { linspace, type EvalFns } from './points';
import { grid2d, grid2dRefined } from './surface';
import { disposeGridSetup, gridSetup, perPointFns, type GridSetup } from './testing/setup';

afterEach(() => resetGridPathCalibration());

interface Setup extends GridSetup {
  /** Per-point evaluation functions that count the points they evaluate. */
  fns: EvalFns;
  evaluated: { n: number };
}

function setup(id: ZooModelId = 'tiny-cnn', n = 4): Setup {
  const s = gridSetup(id, n);
  const evaluated = { n: 0 };
  return { ...s, fns: perPointFns(s, () => evaluated.n++), evaluated };
}

const teardown = disposeGridSetup;

/** Counts `data()` readbacks while `run` runs. */
async function countReadbacks<T>(run: () => Promise<T>): Promise<{ value: T; readbacks: number }> {
  const data = tf.Tensor.prototype.data;
  let readbacks = 0;
  tf.Tensor.prototype.data = function (this: tf.Tensor) {
    readbacks += 1;
    return data.call(this);
  } as typeof data;
  try {
    return { value: await run(), readbacks };
  } finally {
    tf.Tensor.prototype.data = data;
  }
}

const values = (g: GridResult) => [g.trainLoss, g.testLoss, g.trainAcc, g.testAcc];

describe('refinement plan', () => {
  it('the coarse axis is every other point and the last; both passes cover each point once', () => {
    expect(coarseIndices(21)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(coarseIndices(6)).toEqual([0, 2, 4, 5]);
    expect(coarseIndices(1)).toEqual([0]);
    for (const [nA, nB] of [
      [5, 5],
      [6, 9],
      [21, 21],
      [51, 51],
      [8, 5],
    ] as const) {
      const { coarse, fine } = refinementPlan(nA, nB);
      const seen = new Map<string, number>();
      for (const { row, cols } of [...coarse, ...fine])
        for (const c of cols) seen.set(`${row},${c}`, (seen.get(`${row},${c}`) ?? 0) + 1);
      expect(seen.size).toBe(nA * nB);
      expect([...seen.values()].every((k) => k === 1)).toBe(true);
      expect(coarse.map((t) => t.row)).toEqual(coarseIndices(nB));
      // One readback per row of each pass: no row appears twice within a pass.
      expect(new Set(fine.map((t) => t.row)).size).toBe(fine.length);
    }
  });
});

describe('grid2dRefined', () => {
  const AS = linspace(-1, 1, 7);
  const BS = linspace(-0.8, 0.8, 6);

  it('equals the one-pass grid exactly, reusing the coarse points', async () => {
    const s = setup();
    const want = await grid2d(s.params, s.d1, s.d2, AS, BS, s.fns);
    s.evaluated.n = 0;
    const before = tf.memory().numTensors;
    const coarse: GridResult[] = [];
    const progress: { done: number; total: number }[] = [];
    const { value: got, readbacks } = await countReadbacks(() =>
      grid2dRefined(s.params, s.d1, s.d2, AS, BS, s.fns, {
        onCoarse: (g) => coarse.push(g),
        onProgress: (p) => progress.push(p),
      }),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(values(got)).toEqual(values(want));
    expect([got.a, got.b]).toEqual([AS, BS]);
    // Every point once: the coarse pass is not evaluated again.
    expect(s.evaluated.n).toBe(AS.length * BS.length);
    const { coarse: cTasks, fine } = refinementPlan(AS.length, BS.length);
    expect(readbacks).toBe(cTasks.length + fine.length);
    expect(coarse).toHaveLength(1);
    const rows = coarseIndices(BS.length);
    const cols = coarseIndices(AS.length);
    expect(values(coarse[0]!)).toEqual(values(subGrid(want, rows, cols)));
    expect([coarse[0]!.a, coarse[0]!.b]).toEqual([cols.map((c) => AS[c]), rows.map((r) => BS[r])]);
    expect(progress.every((p) => p.total === AS.length * BS.length)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual(
      [...progress.map((p) => p.done)].sort((a, b) => a - b),
    );
    expect(progress.at(-1)!.done).toBe(AS.length * BS.length);
    teardown(s);
  });

  it('evaluates small grids in one pass, without a coarse surface', async () => {
    const s = setup('mlp');
    const coarse: GridResult[] = [];
    const got = await grid2dRefined(s.params, s.d1, s.d2, [0, 1, 2], [0, 1], s.fns, {
      onCoarse: (g) => coarse.push(g),
    });
    const want = await grid2d(s.params, s.d1, s.d2, [0, 1, 2], [0, 1], s.fns);
    expect(coarse).toHaveLength(0);
    expect(values(got)).toEqual(values(want));
    teardown(s);
  });

  it('cancelled during refinement: stops, keeps the coarse surface, leaks nothing', async () => {
    const s = setup();
    const before = tf.memory().numTensors;
    let coarse: GridResult | null = null;
    let fineTasks = 0;
    const run = grid2dRefined(s.params, s.d1, s.d2, AS, BS, s.fns, {
      onCoarse: (g) => (coarse = g),
      onProgress: () => coarse && fineTasks++,
      isCancelled: () => fineTasks >= 2,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(fineTasks).toBe(2);
    expect(coarse).not.toBeNull();
    expect(values(coarse!).flat(2).every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    teardown(s);
  });
});

describe('grid2dAuto with refine', () => {
  const AS = linspace(-1, 1, 5);
  const BS = linspace(-1, 1, 5);

  it('per-point path: the one-pass values exactly; batched: the one-pass batched values', async () => {
    const s = setup();
    const model = { spec: s.spec, state: s.state, sets: s.sets };
    const before = tf.memory().numTensors;
    const coarse: GridResult[] = [];
    const perPoint = await grid2dAuto(s.params, s.d1, s.d2, AS, BS, model, {
      refine: true,
      path: 'per-point',
      onCoarse: (g) => coarse.push(g),
    });
    expect(values(perPoint)).toEqual(values(await grid2d(s.params, s.d1, s.d2, AS, BS, s.fns)));
    expect(coarse).toHaveLength(1);
    // K = 3 (a coarse row of 5): coarse rows fill a pass, the others are padded.
    const k = coarseIndices(AS.length).length;
    const batched = await grid2dAuto(s.params, s.d1, s.d2, AS, BS, model, {
      refine: true,
      path: 'batched',
    });
    const fns = makeBatchedEvalFns(s.spec, s.state, s.sets, k);
    const onePass = await grid2dBatched(s.params, s.d1, s.d2, AS, BS, fns);
    expect(values(batched)).toEqual(values(onePass));
    expect(tf.memory().numTensors).toBe(before);
    teardown(s);
  });

  it('calibrates on coarse rows and still gives the one-pass grid', async () => {
    const s = setup('mlp');
    const model = { spec: s.spec, state: s.state, sets: s.sets };
    // Seven rows: four coarse ones to time the paths on.
    const bs = linspace(-1, 1, 7);
    const r = await grid2dAuto(s.params, s.d1, s.d2, AS, bs, model, { refine: true });
    expect(r.calibration).toBeDefined();
    const want = await grid2d(s.params, s.d1, s.d2, AS, bs, s.fns);
    const diff = values(r)
      .flatMap((m, i) => m.flatMap((row, j) => row.map((v, c) => v - values(want)[i]![j]![c]!)))
      .reduce((a, d) => Math.max(a, Math.abs(d)), 0);
    expect(diff).toBeLessThan(1e-5);
    teardown(s);
  });
});
