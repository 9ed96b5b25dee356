/**
 * "Connect two runs" (Garipov et al. 2018; Draxler et al. 2018): trains the bend of a curve
 * between two weight sets on A's training subset with A's own labels, then evaluates the loss
 * along the straight line and along the curve at the same t, and over the plane of w₁, w₂, θ.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/load';
import type { ConnectConfig, ConnectResult, PathValues, Progress } from '../domain/api';
import { CancelledError } from '../domain/cancel';
import { deriveSeed, makeRng, permutation } from '../domain/random';
import { barrier } from '../domain/reproduce/verdict';
import { linspace } from '../domain/slice';
import {
  curvePlane,
  curveStep,
  disposePlane,
  evaluateCurve,
  evaluateSegment,
  midpointBend,
  pathCoordinates,
  planeAxes,
  type CurveEnds,
  type CurveProblem,
  type CurveState,
} from '../engine/connect';
import type { EvalFns } from '../engine/landscape/points';
import { grid2d } from '../engine/landscape/surface';
import { lrAt } from '../engine/optim/schedules';
import { sgd, type SgdState } from '../engine/optim/sgd';
import { disposeTensors } from '../engine/optim/tensors';
import type { Params } from '../engine/types';
import { evalFnsFor, type EvalSets } from './eval-sets';
import { weightsPair } from './interpolation';
import { labelledSet } from './loop-data';
import type { RunStore, WeightsTarget } from './runs';
import { disposeSet } from './tensor-sets';

/** Steps between readbacks of the training loss (and progress reports, cancel checks). */
const CHUNK = 10;

interface Job {
  config: ConnectConfig;
  isCancelled: () => boolean;
  /** Reports `done` units of the job's total (steps, then evaluated points). */
  report: (done: number) => void;
}

/** Training steps of the whole job: whole batches of A's subset per epoch. */
export function connectSteps(config: ConnectConfig, subsetSize: number): number {
  return config.epochs * Math.floor(subsetSize / config.batchSize);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Garipov et al.'s schedule (their train.py, the SWA one): lr for the first half, then linearly
 * down to 1% of it at 90%, then 1%. Per step here (theirs is per epoch), so short runs anneal too.
 */
function stepLr(config: ConnectConfig, step: number, total: number): number {
  const s = {
    type: 'swa_linear',
    lr: config.lr,
    swaLr: 0.01 * config.lr,
    swaStart: total,
  } as const;
  return lrAt(s, step);
}

/** The order of A's subset (n examples) in an epoch: seeded. */
const epochOrder = (config: ConnectConfig, n: number, epoch: number) =>
  permutation(n, makeRng(deriveSeed(config.seed, `connect/shuffle/${epoch}`)));

/** The batch of positions `pos` of A's subset, with A's trained labels (uploaded per step). */
function batchAt(a: WeightsTarget, dataset: Dataset, pos: Int32Array) {
  const idx = Int32Array.from(pos, (p) => a.model.subset[p]!);
  const labels = Int32Array.from(pos, (p) => a.model.labels[p]!);
  return labelledSet(dataset.train, idx, labels);
}

/** What the training steps share: the problem, the optimizer, where the schedule stands. */
interface Trainer {
  a: WeightsTarget;
  problem: CurveProblem;
  opt: ReturnType<typeof sgd>;
  curve: CurveState<SgdState>;
  /** t ~ U(0, 1), one per step, from the job's seed. */
  nextT: () => number;
  step: number;
  total: number;
  training: { loss: number[]; t: number[] };
}

/** Steps on the batches `from` … `to` − 1 of the epoch's order; their losses, not read yet. */
function steps(tr: Trainer, config: ConnectConfig, perm: Int32Array, from: number, to: number) {
  const losses: tf.Scalar[] = [];
  const b = config.batchSize;
  for (let s = from; s < to; s++) {
    const batch = batchAt(tr.a, tr.a.dataset, perm.subarray(s * b, (s + 1) * b));
    const t = tr.nextT();
    try {
      const lr = stepLr(config, tr.step, tr.total);
      const out = curveStep(tr.problem, tr.opt, tr.curve, t, batch, lr);
      tr.curve = out.curve;
      losses.push(out.loss);
    } finally {
      disposeSet(batch);
    }
    tr.training.t.push(t);
    tr.step += 1;
  }
  return losses;
}

/** One readback of a chunk's losses. */
async function readLosses(losses: tf.Scalar[]): Promise<number[]> {
  const stacked = tf.stack(losses);
  tf.dispose(losses);
  try {
    return Array.from(await stacked.data());
  } finally {
    stacked.dispose();
  }
}

/** Trains the bend from the midpoint; the trainer's curve holds it (caller disposes). */
async function trainBend(tr: Trainer, job: Job): Promise<void> {
  const { config } = job;
  const n = tr.a.model.subset.length;
  const perEpoch = Math.floor(n / config.batchSize);
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const perm = epochOrder(config, n, epoch);
    for (let s = 0; s < perEpoch; s += CHUNK) {
      const to = Math.min(perEpoch, s + CHUNK);
      tr.training.loss.push(...(await readLosses(steps(tr, config, perm, s, to))));
      job.report(tr.step);
      await yieldToEventLoop();
      if (job.isCancelled()) throw new CancelledError();
    }
  }
}

/** A stage's progress (`p` of its own total) as units `offset` … `offset + units` of the job. */
const stage = (job: Job, offset: number, units: number) => (p: Progress) =>
  job.report(offset + (units * p.done) / Math.max(1, p.total));

/** The plane of w₁, w₂, θ with its loss grid and both paths in it. */
async function planeOf(
  ends: CurveEnds,
  theta: Params,
  fns: EvalFns,
  ts: number[],
  job: Job,
  opts: { offset: number; interleave: ReturnType<EvalSets['backend']['interleave']> },
): Promise<ConnectResult['plane']> {
  const { config } = job;
  const plane = await curvePlane(ends, theta);
  try {
    const { x, y } = planeAxes(plane, config.gridPoints);
    const grid = await grid2d(ends.w1, plane.u, plane.v, x, y, fns, {
      isCancelled: job.isCancelled,
      interleave: opts.interleave,
      onProgress: stage(job, opts.offset, config.gridPoints ** 2),
    });
    const paths = pathCoordinates(plane, config.kind, ts);
    return {
      x,
      y,
      trainLoss: grid.trainLoss,
      testLoss: grid.testLoss,
      w1: [0, 0],
      bend: [plane.bendX, plane.dy],
      w2: [plane.dx, 0],
      ...paths,
    };
  } finally {
    disposePlane(plane);
  }
}

const barriers = (ts: number[], v: PathValues) => ({
  train: barrier(ts, v.trainLoss),
  test: barrier(ts, v.testLoss),
});

/** Line, curve and plane, on A's fixed evaluation samples, BatchNorm recomputed at every point. */
async function evaluateAll(
  sets: EvalSets,
  a: WeightsTarget,
  ends: CurveEnds,
  theta: Params,
  job: Job,
  offset: number,
) {
  const { config } = job;
  const ts = linspace(0, 1, config.points);
  return sets.backend.evaluate(a.model.spec, async (on) => {
    const evalSets = sets.get(a.dataset, a.model, config.evalSamples, config.labels);
    const fns = evalFnsFor(a.model.spec, a.state, evalSets, true);
    const interleave = sets.backend.interleave(on.backend);
    const along = (at: number) => ({
      isCancelled: job.isCancelled,
      interleave,
      onProgress: stage(job, at, ts.length),
    });
    const line = await evaluateSegment(ends, ts, fns, along(offset));
    const curve = await evaluateCurve(ends, theta, config.kind, ts, fns, along(offset + ts.length));
    const at = offset + 2 * ts.length;
    const plane =
      config.gridPoints > 0
        ? await planeOf(ends, theta, fns, ts, job, { offset: at, interleave })
        : null;
    const lineBarrier = barriers(ts, line);
    return { t: ts, line, curve, lineBarrier, curveBarrier: barriers(ts, curve), plane };
  });
}

/**
 * Connects A and B: trains the bend (training backend), then evaluates (evaluation backend).
 * Progress counts training steps, then evaluated points.
 *
 * @throws {CancelledError} when cancelled (between chunks of steps or of points).
 */
export async function connectRuns(
  runs: RunStore,
  sets: EvalSets,
  config: ConnectConfig,
  onProgress: (p: Progress) => void,
  isCancelled: () => boolean = () => false,
): Promise<ConnectResult> {
  const { a, b } = weightsPair(runs, config.a, config.b, 'Connecting');
  const total = connectSteps(config, a.model.subset.length);
  if (total < 1) throw new Error('The batch size is larger than the training subset.');
  const units = total + 2 * config.points + config.gridPoints ** 2;
  const job: Job = { config, isCancelled, report: (done) => onProgress({ done, total: units }) };
  const ends = { w1: a.params, w2: b.params };
  const problem = {
    spec: a.model.spec,
    state: a.state,
    ends,
    kind: config.kind,
    weightDecay: config.weightDecay,
  };
  const opt = sgd({ lr: config.lr, momentum: config.momentum });
  const theta0 = midpointBend(ends);
  const tRng = makeRng(deriveSeed(config.seed, 'connect/t'));
  const tr: Trainer = {
    a,
    problem,
    opt,
    curve: { theta: theta0, optState: opt.init(theta0) },
    nextT: tRng,
    step: 0,
    total,
    training: { loss: [], t: [] },
  };
  try {
    await sets.backend.onTrainBackend(() => trainBend(tr, job));
    opt.disposeState(tr.curve.optState);
    tr.curve.optState = { momentum: null };
    const evaluated = await evaluateAll(sets, a, ends, tr.curve.theta, job, total);
    return { kind: config.kind, training: tr.training, ...evaluated };
  } finally {
    disposeTensors(tr.curve.theta);
    opt.disposeState(tr.curve.optState);
  }
}
