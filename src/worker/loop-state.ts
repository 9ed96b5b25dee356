/**
 * The training loop's state: weights, optimizer, bookkeeping and host checkpoints, and how it is
 * started, resumed on another backend and released (the loop itself is in train-epochs.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { initModel } from '../engine/model/init';
import { createOptimizer } from '../engine/optim/create';
import type { SwaState } from '../engine/optim/swa';
import { deriveSeed } from '../domain/random';
import { createTrainer, type Trainer, type TrainState } from '../engine/train/step';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type { EpochEvent, TrainConfig } from '../domain/api';
import { DivergenceGuard } from './divergence';
import { fromHost } from './host-copy';
import { LossBuffer } from './loss-buffer';
import type { LoopData } from './loop-data';
import { optimizerPlan, type OptimizerPlan } from './optimizer-config';
import { SharpnessTracker } from './sharpness-tracking';

/** The loop's state in JavaScript memory: enough to resume exactly on another backend. */
export interface HostCheckpoint {
  step: number;
  epoch: number;
  stepInEpoch: number;
  params: unknown;
  modelState: unknown;
  optState: unknown;
  trajectory: unknown[];
  last: EpochEvent | null;
}

export interface LoopState {
  spec: ModelSpec;
  plan: OptimizerPlan;
  trainer: Trainer<unknown>;
  ts: TrainState<unknown>;
  buffer: LossBuffer;
  started: number;
  totalSteps: number;
  checkpoints: Params[];
  guard: DivergenceGuard;
  /** Where the loop goes on: epoch (1-based) and the next step within it (0-based). */
  epoch: number;
  stepInEpoch: number;
  /** Highest step already reported, so steps redone after a recovery are not sent twice. */
  reported: number;
  last: EpochEvent | null;
  /** The step whose loss diverged, once it has. */
  diverged: number | null;
  host: HostCheckpoint | null;
  hostAt: number;
  /** λ_max every k steps (sharpness tracking); holds no tensors when off. */
  tracker: SharpnessTracker;
}

/** A new handle on each tensor (tf.clone shares the data, so this copies nothing). */
export const snapshot = (p: Params): Params =>
  Object.fromEntries(Object.entries(p).map(([k, t]) => [k, tf.clone(t)]));

export function swaState(loop: LoopState): SwaState<unknown> | null {
  return loop.plan.swa ? (loop.ts.optState as SwaState<unknown>) : null;
}

function newLoop(
  config: TrainConfig,
  spec: ModelSpec,
  data: LoopData,
  ts: (trainer: Trainer<unknown>) => TrainState<unknown>,
): LoopState {
  const plan = optimizerPlan(config, data.stepsPerEpoch);
  const trainer = createTrainer(spec, createOptimizer(plan.optimizer));
  const state = ts(trainer);
  return {
    spec,
    plan,
    trainer,
    ts: state,
    buffer: new LossBuffer(),
    started: performance.now(),
    totalSteps: data.stepsPerEpoch * config.epochs,
    checkpoints: [],
    guard: new DivergenceGuard(state.params, state.modelState, state.step),
    epoch: 1,
    stepInEpoch: 0,
    reported: 0,
    last: null,
    diverged: null,
    host: null,
    hostAt: performance.now(),
    tracker: SharpnessTracker.create(config, data, plan.optimizer),
  };
}

export function startLoop(config: TrainConfig, spec: ModelSpec, data: LoopData): LoopState {
  const { params, state } = initModel(spec, deriveSeed(config.seed, 'init'));
  const loop = newLoop(config, spec, data, (trainer) => trainer.init(params, state));
  loop.checkpoints.push(snapshot(loop.ts.params));
  return loop;
}

/** The loop of `from` rebuilt on the current backend from its host checkpoint. */
export function resumeLoop(
  config: TrainConfig,
  data: LoopData,
  from: LoopState & { host: HostCheckpoint },
): LoopState {
  const h = from.host;
  const loop = newLoop(config, from.spec, data, () => ({
    params: fromHost<Params>(h.params),
    modelState: fromHost<ModelState>(h.modelState),
    optState: fromHost<unknown>(h.optState),
    step: h.step,
  }));
  loop.checkpoints = h.trajectory.map((p) => fromHost<Params>(p));
  // Steps redone from the checkpoint are not measured twice (the warm start is lost with the device).
  loop.tracker.lastStep = from.tracker.lastStep;
  return {
    ...loop,
    started: from.started,
    epoch: h.epoch,
    stepInEpoch: h.stepInEpoch,
    reported: from.reported,
    last: h.last,
    host: h,
  };
}

/** Releases every tensor the loop holds (weights, optimizer state, trajectory, guard, tracker). */
export function disposeLoop(loop: LoopState): void {
  loop.trainer.dispose(loop.ts);
  loop.checkpoints.forEach((c) => tf.dispose(Object.values(c)));
  loop.buffer.dispose();
  loop.guard.dispose();
  loop.tracker.dispose();
}
