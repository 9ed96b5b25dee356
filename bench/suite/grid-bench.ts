import * as tf from '@tensorflow/tfjs';
import {
  apply,
  evaluate,
  initModel,
  MODEL_ZOO,
  type ModelSpec,
  type ModelState,
  type Params,
} from '../../src/engine';
import { disposeParams, offsetParams } from '../../src/engine/landscape/combine';
import { directionPair } from '../../src/engine/landscape/directions';
import { evaluateBatch, linspace, type PointValues } from '../../src/engine/landscape/points';
import {
  chooseGridPath,
  grid2dAuto,
  gridProblemKey,
  gridRowEvaluators,
  resetGridPathCalibration,
  type GridModel,
} from '../../src/engine/landscape/batched';
import { disposeSet, syntheticSet } from './data';
import { interleaved, pairedRatios, round, summarize, timeMs, type RoundPlan } from './stats';

export interface GridSizes extends RoundPlan {
  /** Evaluation samples per grid point in total (half train, half test, as the app's splits). */
  samples: number;
  /** Points per row (the grid's a axis) — 21 for the 21×21 grid. */
  cols: number;
  /** `rounds`: rows timed per path (each is one sample of the median). */
}

interface GridSetup {
  spec: ModelSpec;
  params: Params;
  state: ModelState;
  d1: Params;
  d2: Params;
  model: GridModel;
  /** Both splits together: the inputs of the plain forward passes. */
  all: tf.Tensor4D;
}

function gridSetup(samples: number): GridSetup {
  const spec = MODEL_ZOO['tiny-cnn'].spec([28, 28, 1]);
  const { params, state } = initModel(spec, 11);
  const [d1, d2] = directionPair(params, 12);
  const sets = { train: syntheticSet(samples / 2, 13), test: syntheticSet(samples / 2, 14) };
  const all = tf.concat([sets.train.x, sets.test.x]) as tf.Tensor4D;
  return { spec, params, state, d1, d2, model: { spec, state, sets }, all };
}

function disposeSetup(s: GridSetup): void {
  [s.params, s.state, s.d1, s.d2].forEach(disposeParams);
  disposeSet(s.model.sets.train);
  disposeSet(s.model.sets.test);
  s.all.dispose();
}

/** `cols` plain eval-mode forward passes over all samples, then one readback (a row's worth). */
async function forwardRow(s: GridSetup, cols: number): Promise<void> {
  const sums = tf.tidy(() =>
    tf.stack(
      Array.from({ length: cols }, () =>
        tf.sum(apply(s.spec, s.params, s.state, s.all, 'eval').logits),
      ),
    ),
  );
  await sums.data();
  sums.dispose();
}

/** A row evaluated one point at a time with a readback per point (the naive baseline). */
async function pointByPointRow(s: GridSetup, as: number[], b: number): Promise<void> {
  const { spec, state, sets } = s.model;
  const fns = {
    train: (p: Params) => evaluate(spec, p, state, sets.train.x, sets.train.y),
    test: (p: Params) => evaluate(spec, p, state, sets.test.x, sets.test.y),
  };
  for (const a of as)
    await evaluateBatch(1, () => offsetParams(s.params, [s.d1, s.d2], [a, b]), fns);
}

function maxDiff(x: PointValues, y: PointValues): number {
  const keys = ['trainLoss', 'trainAcc', 'testLoss', 'testAcc'] as const;
  return Math.max(...keys.flatMap((k) => x[k].map((v, i) => Math.abs(v - y[k][i]!))));
}

/** Calibrates the production chooser on a 4-row grid (also the kernels' warm-up). */
async function calibrate(s: GridSetup, as: number[]) {
  resetGridPathCalibration();
  const r = await grid2dAuto(s.params, s.d1, s.d2, as, linspace(-1, 1, 4), s.model);
  return { path: r.path, calibrationRowMs: r.calibration };
}

/** Times one case per round and keeps each round's row values for the exactness check. */
function rowCase(evalRow: (row: number) => Promise<PointValues | void>, kept: PointValues[]) {
  let row = 0; // one distinct grid row per round
  return () =>
    timeMs(async () => {
      const v = await evalRow(row++);
      if (v) kept.push(v);
    });
}

/**
 * Grid timings of tiny-cnn, row by row and interleaved (batched row, per-point row with one
 * readback per row, per-point row with a readback per point, `cols` plain forward passes), so
 * each median is over `rounds` rows measured under the same machine load. A full grid is `cols`
 * such rows, so the ratios of row medians are the ratios of whole grids.
 */
export async function gridBench(sizes: GridSizes) {
  const s = gridSetup(sizes.samples);
  const as = linspace(-1, 1, sizes.cols);
  const bs = linspace(-1, 1, sizes.rounds);
  try {
    // The calibration grid runs both paths twice: that is their warm-up; the forward pass over
    // both splits at once has its own input shape, so it gets one untimed pass of its own.
    const cal = await calibrate(s, as);
    await forwardRow(s, 1);
    const problem = gridProblemKey(s.spec, s.model.sets, as.length, as.length);
    const production = chooseGridPath(tf.getBackend(), problem);
    const rows = gridRowEvaluators(s.params, s.d1, s.d2, as, bs, s.model, as.length);
    const kept = { batched: [] as PointValues[], perPoint: [] as PointValues[] };
    const r = await interleaved(
      {
        batched: rowCase(rows.batched, kept.batched),
        perPoint: rowCase(rows['per-point'], kept.perPoint),
        pointByPoint: rowCase((i) => pointByPointRow(s, as, bs[i]!), []),
        forward: rowCase(() => forwardRow(s, as.length), []),
      },
      { ...sizes, warmUp: false },
    );
    const prod = production === 'batched' ? r.samples.batched : r.samples.perPoint;
    const overForward = summarize(pairedRatios(prod, r.samples.forward));
    const speedup = summarize(pairedRatios(r.samples.pointByPoint, prod));
    return {
      model: 'tiny-cnn',
      samples: sizes.samples,
      cols: sizes.cols,
      rounds: r.rounds,
      ...(r.stoppedEarly ? { stoppedEarly: r.stoppedEarly } : {}),
      productionPath: production,
      ...cal,
      rowMs: r.summaries,
      estimatedGridMs: round(
        r.medians[production === 'batched' ? 'batched' : 'perPoint'] * as.length,
      ),
      ratios: { grid_over_forward: overForward, batched_grid_speedup: speedup },
      grid_over_forward: overForward.median,
      batched_grid_speedup: speedup.median,
      batched_over_per_point_row: round(r.medians.batched / r.medians.perPoint),
      batchedMaxAbsDiff: kept.batched.reduce(
        (m, v, i) => Math.max(m, maxDiff(v, kept.perPoint[i]!)),
        0,
      ),
    };
  } finally {
    disposeSetup(s);
  }
}
