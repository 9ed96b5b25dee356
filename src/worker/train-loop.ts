import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/load';
import { initModel } from '../engine/model/init';
import { MODEL_ZOO } from '../engine/model/zoo';
import { createOptimizer } from '../engine/optim/create';
import type { SwaState } from '../engine/optim/swa';
import { deriveSeed, makeRng, permutation } from '../engine/random';
import { createTrainer, type Trainer, type TrainState } from '../engine/train/step';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type {
  AveragedMetrics,
  EpochEvent,
  StepEvent,
  TrainConfig,
  TrainEvent,
  TrainSummary,
} from './api';
import { LossBuffer } from './loss-buffer';
import { disposeLoopData, prepareData, type LoopData } from './loop-data';
import { averagedState, splitMetrics } from './metrics';
import { optimizerPlan, type OptimizerPlan } from './optimizer-config';
import type { RunControl } from './run-control';

/** The weights a run ends with; owned by the worker session until the next run. */
export interface TrainedModel {
  spec: ModelSpec;
  params: Params;
  state: ModelState;
  /** Indices (into the training split) of the run's training subset, for landscape evaluation. */
  subset: Int32Array;
  /** Weights at initialisation and at the end of each epoch (the trajectory), oldest first. */
  checkpoints: Params[];
  /** SWA/WASAM: the running average with BatchNorm statistics recomputed for it. */
  averaged?: { params: Params; state: ModelState; nAveraged: number };
}

export interface TrainHooks {
  control: RunControl;
  emit: (events: TrainEvent[]) => void;
  /** After each epoch's checkpoint is taken, before its epoch event (saving progress). */
  onEpochEnd?: (checkpoints: readonly Params[], state: ModelState) => Promise<void>;
  /** Sees each checkpoint (epoch 0: the initial weights) as it is kept; must not dispose it. */
  onCheckpoint?: (epoch: number, params: Params) => Promise<void>;
}

interface LoopState {
  spec: ModelSpec;
  plan: OptimizerPlan;
  trainer: Trainer<unknown>;
  ts: TrainState<unknown>;
  buffer: LossBuffer;
  started: number;
  totalSteps: number;
  checkpoints: Params[];
}

/** A new handle on each tensor (tf.clone shares the data, so this copies nothing). */
export const snapshot = (p: Params): Params =>
  Object.fromEntries(Object.entries(p).map(([k, t]) => [k, tf.clone(t)]));

/** Lets queued messages (pause/stop) in: a CPU-backend readback only yields to microtasks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Reads pending losses, stops on divergence, and reports them as step events. */
async function flushSteps(loop: LoopState, epoch: number, hooks: TrainHooks): Promise<void> {
  const rows = await loop.buffer.flush();
  const elapsedMs = performance.now() - loop.started;
  const bad = rows.find((r) => !Number.isFinite(r.loss));
  const events: StepEvent[] = rows
    .filter((r) => Number.isFinite(r.loss))
    .map((r) => ({ kind: 'step', epoch, totalSteps: loop.totalSteps, elapsedMs, ...r }));
  if (events.length) hooks.emit(events);
  if (bad) throw new Error(`The loss diverged at step ${bad.step} — try a smaller learning rate.`);
}

/** One epoch of steps over a seeded shuffle. Returns false when the run was stopped. */
async function runEpoch(
  epoch: number,
  config: TrainConfig,
  data: LoopData,
  loop: LoopState,
  hooks: TrainHooks,
) {
  const order = permutation(
    data.subset.length,
    makeRng(deriveSeed(config.seed, `shuffle/${epoch}`)),
  );
  const b = config.batchSize;
  for (let s = 0; s < data.stepsPerEpoch; s++) {
    const idx = tf.tensor1d(order.subarray(s * b, (s + 1) * b), 'int32');
    const batch = {
      x: tf.gather(data.train.x, idx) as tf.Tensor4D,
      y: tf.gather(data.train.y, idx),
    };
    const lr = loop.plan.lr(epoch, loop.ts.step + 1);
    const out = loop.trainer.step(loop.ts, batch, { lr });
    tf.dispose([idx, batch.x, batch.y]);
    loop.ts = out.trainState;
    loop.buffer.push(loop.ts.step, out.loss, lr);
    if (loop.buffer.due() || s === data.stepsPerEpoch - 1) {
      await flushSteps(loop, epoch, hooks);
      await yieldToEventLoop();
      if (!(await hooks.control.checkpoint())) return false;
    }
  }
  return true;
}

function swaState(loop: LoopState): SwaState<unknown> | null {
  return loop.plan.swa ? (loop.ts.optState as SwaState<unknown>) : null;
}

/** Metrics of the running average, BatchNorm recomputed; undefined before averaging begins. */
async function averagedMetrics(
  loop: LoopState,
  data: LoopData,
  batchSize: number,
): Promise<AveragedMetrics | undefined> {
  const s = swaState(loop);
  if (!s?.avg) return undefined;
  const state = averagedState(loop.spec, s.avg, data.train, batchSize);
  try {
    return { nAveraged: s.nAveraged, ...(await splitMetrics(loop.spec, s.avg, state, data)) };
  } finally {
    tf.dispose(Object.values(state));
  }
}

function startLoop(config: TrainConfig, spec: ModelSpec, data: LoopData): LoopState {
  const { params, state } = initModel(spec, deriveSeed(config.seed, 'init'));
  const plan = optimizerPlan(config, data.stepsPerEpoch);
  const trainer = createTrainer(spec, createOptimizer(plan.optimizer));
  const ts = trainer.init(params, state);
  const totalSteps = data.stepsPerEpoch * config.epochs;
  return {
    spec,
    plan,
    trainer,
    ts,
    buffer: new LossBuffer(),
    started: performance.now(),
    totalSteps,
    checkpoints: [snapshot(ts.params)],
  };
}

function summarise(
  loop: LoopState,
  status: TrainSummary['status'],
  epochs: number,
  last: EpochEvent | null,
): TrainSummary {
  const elapsedMs = performance.now() - loop.started;
  return {
    status,
    steps: loop.ts.step,
    epochs,
    elapsedMs,
    stepsPerSecond: loop.ts.step / Math.max(elapsedMs / 1000, 1e-9),
    final: last
      ? {
          trainLoss: last.trainLoss,
          trainAcc: last.trainAcc,
          testLoss: last.testLoss,
          testAcc: last.testAcc,
        }
      : null,
    ...(last?.averaged ? { averaged: last.averaged } : {}),
  };
}

/** Hands the final weights (and the average, with its own BatchNorm statistics) to the caller. */
function finalModel(loop: LoopState, data: LoopData, batchSize: number): TrainedModel {
  const s = swaState(loop);
  const model: TrainedModel = {
    spec: loop.spec,
    params: loop.ts.params,
    state: loop.ts.modelState,
    subset: data.subset,
    checkpoints: loop.checkpoints,
  };
  if (s?.avg) {
    const params = snapshot(s.avg);
    model.averaged = {
      params,
      state: averagedState(loop.spec, params, data.train, batchSize),
      nAveraged: s.nAveraged,
    };
  }
  loop.trainer.dispose({ ...loop.ts, params: {}, modelState: {} });
  return model;
}

async function epochs(config: TrainConfig, data: LoopData, loop: LoopState, hooks: TrainHooks) {
  let last: EpochEvent | null = null;
  let epoch = 1;
  for (; epoch <= config.epochs; epoch++) {
    if (!(await runEpoch(epoch, config, data, loop, hooks))) break;
    loop.checkpoints.push(snapshot(loop.ts.params));
    await hooks.onEpochEnd?.(loop.checkpoints, loop.ts.modelState);
    await hooks.onCheckpoint?.(epoch, loop.checkpoints[loop.checkpoints.length - 1]!);
    const metrics = await splitMetrics(loop.spec, loop.ts.params, loop.ts.modelState, data);
    const averaged = await averagedMetrics(loop, data, config.batchSize);
    last = {
      kind: 'epoch',
      epoch,
      step: loop.ts.step,
      ...metrics,
      ...(averaged ? { averaged } : {}),
    };
    hooks.emit([last]);
  }
  return { last, finished: epoch > config.epochs, epochsDone: Math.min(epoch, config.epochs) };
}

/**
 * Trains a fresh model as the config says: a plan event, step events in chunks (loss and lr),
 * and epoch events with eval-mode metrics on fixed seeded samples of train and test (and of the
 * SWA average once it exists). The returned model's tensors are owned by the caller.
 */
export async function runTraining(config: TrainConfig, dataset: Dataset, hooks: TrainHooks) {
  const spec = MODEL_ZOO[config.model].spec([28, 28, 1], dataset.classes.length);
  const flatNoise = config.flat?.labelNoise ?? 0;
  const data = prepareData(config, dataset, flatNoise);
  const loop = startLoop(config, spec, data);
  hooks.emit([
    {
      kind: 'plan',
      totalSteps: loop.totalSteps,
      stepsPerEpoch: data.stepsPerEpoch,
      labelsChanged: data.labelsChanged,
      ...(loop.plan.swa ? { swaStartStep: loop.plan.swa.startStep } : {}),
    },
  ]);
  try {
    await hooks.onCheckpoint?.(0, loop.checkpoints[0]!);
    const { last, finished, epochsDone } = await epochs(config, data, loop, hooks);
    const summary = summarise(loop, finished ? 'finished' : 'stopped', epochsDone, last);
    return { summary, model: finalModel(loop, data, config.batchSize) };
  } catch (err) {
    loop.trainer.dispose(loop.ts);
    loop.checkpoints.forEach((c) => tf.dispose(Object.values(c)));
    throw err;
  } finally {
    loop.buffer.dispose();
    disposeLoopData(data);
  }
}

/** Releases every tensor of a trained model (weights, state, trajectory, average). */
export function disposeTrainedModel(m: TrainedModel): void {
  tf.dispose([...Object.values(m.params), ...Object.values(m.state)]);
  m.checkpoints.forEach((c) => tf.dispose(Object.values(c)));
  if (m.averaged)
    tf.dispose([...Object.values(m.averaged.params), ...Object.values(m.averaged.state)]);
}
