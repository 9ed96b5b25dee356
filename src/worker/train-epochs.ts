import * as tf from '@tensorflow/tfjs';
import { deriveSeed, makeRng, permutation } from '../domain/random';
import type { ModelState, Params } from '../engine/types';
import type {
  AveragedMetrics,
  BackendInfo,
  EpochEvent,
  StepEvent,
  TrainConfig,
  TrainEvent,
} from '../domain/api';
import { toHost } from './host-copy';
import type { LoopData } from './loop-data';
import { snapshot, swaState, type HostCheckpoint, type LoopState } from './loop-state';
import { averagedState, splitMetrics } from './metrics';
import type { RunControl } from './run-control';

export {
  disposeLoop,
  resumeLoop,
  snapshot,
  startLoop,
  swaState,
  type HostCheckpoint,
  type LoopState,
} from './loop-state';

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

/** Host checkpoints are also taken mid-epoch when this long has passed since the last one. */
const HOST_CHECKPOINT_MS = 5000;

export type EpochsOutcome = 'finished' | 'stopped' | 'diverged';

/** Lets queued messages (pause/stop) in: a CPU-backend readback only yields to microtasks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Reads pending losses and reports the new finite ones; returns the first diverging step. */
async function flushSteps(loop: LoopState, hooks: TrainHooks): Promise<number | null> {
  const rows = await hooks.control.guard(loop.buffer.flush());
  const elapsedMs = performance.now() - loop.started;
  const bad = loop.guard.firstBad(rows);
  const events: StepEvent[] = rows
    .filter((r) => r.step > loop.reported && (bad === null || r.step < bad))
    .map((r) => ({
      kind: 'step',
      epoch: loop.epoch,
      totalSteps: loop.totalSteps,
      elapsedMs,
      ...r,
    }));
  if (events.length) {
    hooks.emit(events);
    loop.reported = events.at(-1)!.step;
  }
  return bad;
}

/** Copies the loop's state into JavaScript memory (only when the caller can recover). */
async function takeHostCheckpoint(loop: LoopState, hooks: TrainHooks): Promise<void> {
  if (!hooks.recover) return;
  const copy = toHost({
    params: loop.ts.params,
    modelState: loop.ts.modelState,
    optState: loop.ts.optState,
    trajectory: loop.checkpoints,
  }) as Promise<Pick<HostCheckpoint, 'params' | 'modelState' | 'optState' | 'trajectory'>>;
  const { epoch, stepInEpoch, last } = loop;
  loop.host = {
    ...(await hooks.control.guard(copy)),
    step: loop.ts.step,
    epoch,
    stepInEpoch,
    last,
  };
  loop.hostAt = performance.now();
}

/** One optimizer step on the s-th batch of the epoch's seeded shuffle. */
function trainStep(
  order: Int32Array,
  s: number,
  config: TrainConfig,
  data: LoopData,
  loop: LoopState,
) {
  const b = config.batchSize;
  const idx = tf.tensor1d(order.subarray(s * b, (s + 1) * b), 'int32');
  const batch = { x: tf.gather(data.train.x, idx) as tf.Tensor4D, y: tf.gather(data.train.y, idx) };
  const lr = loop.plan.lr(loop.epoch, loop.ts.step + 1);
  const out = loop.trainer.step(loop.ts, batch, { lr });
  tf.dispose([idx, batch.x, batch.y]);
  loop.ts = out.trainState;
  loop.buffer.push(loop.ts.step, out.loss, lr);
}

/**
 * λ_max of the current weights when tracking is due at this step (sent at once; the step events
 * of the same steps may follow it). Costs nothing when tracking is off.
 */
async function trackSharpness(loop: LoopState, hooks: TrainHooks): Promise<void> {
  const step = loop.ts.step;
  if (!loop.tracker.due(step)) return;
  const at = { step, epoch: loop.epoch, lr: loop.plan.lr(loop.epoch, Math.max(step, 1)) };
  const measuring = loop.tracker.measure(loop.spec, loop.ts.params, loop.ts.modelState, at);
  const event = await hooks.control.guard(measuring);
  if (event) hooks.emit([event]);
}

/** The rest of the current epoch, from `loop.stepInEpoch`. */
async function runEpoch(
  config: TrainConfig,
  data: LoopData,
  loop: LoopState,
  hooks: TrainHooks,
): Promise<EpochsOutcome | 'done'> {
  const rng = makeRng(deriveSeed(config.seed, `shuffle/${loop.epoch}`));
  const order = permutation(data.subset.length, rng);
  for (let s = loop.stepInEpoch; s < data.stepsPerEpoch; s++) {
    trainStep(order, s, config, data, loop);
    await trackSharpness(loop, hooks);
    if (!loop.buffer.due() && s < data.stepsPerEpoch - 1) continue;
    const bad = await flushSteps(loop, hooks);
    if (bad !== null) {
      loop.diverged = bad;
      return 'diverged';
    }
    loop.guard.advance(loop.ts.params, loop.ts.modelState, loop.ts.step);
    loop.stepInEpoch = s + 1;
    if (performance.now() - loop.hostAt >= HOST_CHECKPOINT_MS)
      await takeHostCheckpoint(loop, hooks);
    await yieldToEventLoop();
    if (!(await hooks.control.checkpoint())) return 'stopped';
  }
  return 'done';
}

/** Metrics of the running average, BatchNorm recomputed; undefined before averaging begins. */
async function averagedMetrics(
  loop: LoopState,
  data: LoopData,
  hooks: TrainHooks,
  batchSize: number,
): Promise<AveragedMetrics | undefined> {
  const s = swaState(loop);
  if (!s?.avg) return undefined;
  const state = averagedState(loop.spec, s.avg, data.train, batchSize);
  try {
    const metrics = await hooks.control.guard(splitMetrics(loop.spec, s.avg, state, data));
    return { nAveraged: s.nAveraged, ...metrics };
  } finally {
    tf.dispose(Object.values(state));
  }
}

/** Epoch-end bookkeeping; 'diverged' when the last update left weights with a non-finite loss. */
async function endEpoch(config: TrainConfig, data: LoopData, loop: LoopState, hooks: TrainHooks) {
  const { spec, ts } = loop;
  const metrics = await hooks.control.guard(splitMetrics(spec, ts.params, ts.modelState, data));
  if (!Number.isFinite(metrics.trainLoss)) {
    loop.diverged = ts.step;
    return 'diverged';
  }
  loop.checkpoints.push(snapshot(ts.params));
  await hooks.onEpochEnd?.(loop.checkpoints, ts.modelState);
  await hooks.onCheckpoint?.(loop.epoch, loop.checkpoints[loop.checkpoints.length - 1]!);
  const averaged = await averagedMetrics(loop, data, hooks, config.batchSize);
  const event: EpochEvent = { kind: 'epoch', epoch: loop.epoch, step: ts.step, ...metrics };
  loop.last = averaged ? { ...event, averaged } : event;
  hooks.emit([loop.last]);
  loop.epoch += 1;
  loop.stepInEpoch = 0;
  await takeHostCheckpoint(loop, hooks);
  return 'done';
}

/** Trains from the loop's position to the end of the last epoch, or until stopped or diverged. */
export async function epochs(
  config: TrainConfig,
  data: LoopData,
  loop: LoopState,
  hooks: TrainHooks,
): Promise<EpochsOutcome> {
  if (!loop.host) await takeHostCheckpoint(loop, hooks);
  await trackSharpness(loop, hooks);
  while (loop.epoch <= config.epochs) {
    const outcome = await runEpoch(config, data, loop, hooks);
    if (outcome !== 'done') return outcome;
    if ((await endEpoch(config, data, loop, hooks)) === 'diverged') return 'diverged';
  }
  return 'finished';
}
