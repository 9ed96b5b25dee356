/**
 * The training loop's state, in four parts with one job each: the step state (weights, optimizer,
 * where the loop stands), the reporter (step events), the recovery checkpointer (host copies for a
 * lost device) and the watchers (divergence guard, sharpness tracker). How a loop is started,
 * resumed on another backend and released; the loop itself is in train-epochs.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { initModel } from '../engine/model/init';
import {
  createOptimizer,
  type BaseOptimizerState,
  type OptimizerState,
} from '../engine/optim/create';
import type { SwaState } from '../engine/optim/swa';
import { deriveSeed } from '../domain/random';
import { createTrainer, type Trainer, type TrainState } from '../engine/train/step';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type { BackendInfo, EpochEvent, TrainConfig, TrainEvent } from '../domain/api';
import { DivergenceGuard } from './divergence';
import { fromHost } from './host-copy';
import { RecoveryCheckpointer, restoredTrainState, type HostCheckpoint } from './host-checkpoint';
import { StepReporter } from './loop-report';
import type { LoopData } from './loop-data';
import { optimizerPlan, type OptimizerPlan } from './optimizer-config';
import type { RunControl } from './run-control';
import { SamCosineTracker } from './sam-cosine-tracking';
import { SharpnessTracker } from './sharpness-tracking';
import { disposeSnapshots, type Snapshot } from './snapshots';

export type { HostCheckpoint };

export interface TrainHooks {
  control: RunControl;
  emit: (events: TrainEvent[]) => void;
  /**
   * Called when the loop failed; resolves to the backend it may continue on when the failure was
   * a lost GPU device (the loop then resumes from its last host checkpoint), else to null.
   * Without it the loop keeps no host checkpoints.
   */
  recover?: (reason: string) => Promise<BackendInfo | null>;
  /** After each epoch's checkpoint is taken, before its epoch event (saving progress). */
  onEpochEnd?: (checkpoints: readonly Params[], state: ModelState) => Promise<void>;
  /** Sees each checkpoint (epoch 0: the initial weights) as it is kept; must not dispose it. */
  onCheckpoint?: (epoch: number, params: Params) => Promise<void>;
}

/** What a step reads and writes: the model and optimizer, and where the loop stands. */
export interface StepState {
  spec: ModelSpec;
  plan: OptimizerPlan;
  trainer: Trainer<OptimizerState>;
  ts: TrainState<OptimizerState>;
  totalSteps: number;
  /** Where the loop goes on: epoch (1-based) and the next step within it (0-based). */
  epoch: number;
  stepInEpoch: number;
  /** The trajectory: weights at initialisation and at the end of each epoch. */
  checkpoints: Params[];
  /** FGE: weights and BatchNorm statistics at each cycle's midpoint so far. */
  snapshots: Snapshot[];
  /** The last epoch event. */
  last: EpochEvent | null;
  /** The step whose loss diverged, once it has. */
  diverged: number | null;
}

export interface LoopState {
  state: StepState;
  reporter: StepReporter;
  recovery: RecoveryCheckpointer;
  /** The last weights known to give a finite loss. */
  guard: DivergenceGuard;
  /** λ_max every k steps (sharpness tracking); holds no tensors when off. */
  tracker: SharpnessTracker;
  /** SAM's first/second-order update cosine every k steps (Foret et al. Fig. 5); no tensors. */
  cosine: SamCosineTracker;
}

/** A new handle on each tensor (tf.clone shares the data, so this copies nothing). */
export const snapshot = (p: Params): Params =>
  Object.fromEntries(Object.entries(p).map(([k, t]) => [k, tf.clone(t)]));

/** The optimizer state as SWA's when the run averages its weights, else null. */
export function swaState(state: StepState): SwaState<BaseOptimizerState> | null {
  const s = state.ts.optState;
  return state.plan.swa && 'nAveraged' in s ? s : null;
}

function newState(
  config: TrainConfig,
  spec: ModelSpec,
  data: LoopData,
  ts: (trainer: Trainer<OptimizerState>) => TrainState<OptimizerState>,
): StepState {
  const plan = optimizerPlan(config, data.stepsPerEpoch);
  const trainer = createTrainer(spec, createOptimizer(plan.optimizer));
  return {
    spec,
    plan,
    trainer,
    ts: ts(trainer),
    totalSteps: data.stepsPerEpoch * config.epochs,
    epoch: 1,
    stepInEpoch: 0,
    checkpoints: [],
    snapshots: [],
    last: null,
    diverged: null,
  };
}

/** The watchers of a state's weights: a divergence guard from them and the sharpness tracker. */
function watchers(config: TrainConfig, data: LoopData, state: StepState) {
  const { ts, plan } = state;
  return {
    guard: new DivergenceGuard(ts.params, ts.modelState, ts.step),
    tracker: SharpnessTracker.create(config, data, plan.optimizer),
    cosine: SamCosineTracker.create(config, plan),
  };
}

export function startLoop(
  config: TrainConfig,
  spec: ModelSpec,
  data: LoopData,
  hooks: TrainHooks,
): LoopState {
  const { params, state: modelState } = initModel(spec, deriveSeed(config.seed, 'init'));
  const state = newState(config, spec, data, (trainer) => trainer.init(params, modelState));
  const reporter = new StepReporter(hooks, performance.now());
  const recovery = new RecoveryCheckpointer(!!hooks.recover, hooks.control);
  const loop = { state, ...watchers(config, data, state), reporter, recovery };
  state.checkpoints.push(snapshot(state.ts.params));
  return loop;
}

/** The loop of `from` rebuilt on the current backend from its host checkpoint `h`. */
export function resumeLoop(
  config: TrainConfig,
  data: LoopData,
  from: LoopState,
  h: HostCheckpoint,
  hooks: TrainHooks,
): LoopState {
  const state = newState(config, from.state.spec, data, () => restoredTrainState(h));
  state.checkpoints = h.trajectory.map((p) => fromHost<Params>(p));
  state.snapshots = h.snapshots.map((p) => fromHost<Snapshot>(p));
  Object.assign(state, { epoch: h.epoch, stepInEpoch: h.stepInEpoch, last: h.last });
  const { guard, tracker, cosine } = watchers(config, data, state);
  // Steps redone from the checkpoint are not measured twice (the warm start is lost with the device).
  tracker.lastStep = from.tracker.lastStep;
  cosine.lastStep = from.cosine.lastStep;
  const reporter = new StepReporter(hooks, from.reporter.started, from.reporter.lastReported);
  const recovery = new RecoveryCheckpointer(!!hooks.recover, hooks.control, h);
  return { state, reporter, recovery, guard, tracker, cosine };
}

/** Releases every tensor the loop holds (weights, optimizer state, trajectory, guard, tracker). */
export function disposeLoop(loop: LoopState): void {
  loop.state.trainer.dispose(loop.state.ts);
  loop.state.checkpoints.forEach((c) => tf.dispose(Object.values(c)));
  disposeSnapshots(loop.state.snapshots);
  loop.reporter.dispose();
  loop.guard.dispose();
  loop.tracker.dispose();
}
