import * as tf from '@tensorflow/tfjs';
import { deriveSeed, makeRng, permutation } from '../domain/random';
import type { AveragedMetrics, EpochEvent, TrainConfig } from '../domain/api';
import type { Batch } from '../engine/types';
import type { LoopData } from './loop-data';
import { snapshot, swaState, type LoopState, type StepState, type TrainHooks } from './loop-state';
import { averagedState, splitMetrics } from './metrics';
import { takeSnapshot } from './snapshots';

export {
  disposeLoop,
  resumeLoop,
  snapshot,
  startLoop,
  swaState,
  type HostCheckpoint,
  type LoopState,
  type StepState,
  type TrainHooks,
} from './loop-state';

export type EpochsOutcome = 'finished' | 'stopped' | 'diverged';

/** Lets queued messages (pause/stop) in: a CPU-backend readback only yields to microtasks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The s-th batch of the epoch's seeded shuffle (caller disposes). */
function batchAt(order: Int32Array, s: number, batchSize: number, data: LoopData) {
  const idx = tf.tensor1d(order.subarray(s * batchSize, (s + 1) * batchSize), 'int32');
  const batch = { x: tf.gather(data.train.x, idx) as tf.Tensor4D, y: tf.gather(data.train.y, idx) };
  idx.dispose();
  return batch;
}

/** One optimizer step on `batch` (borrowed); its loss is kept to report. */
function trainStep(batch: Batch, loop: LoopState) {
  const { state } = loop;
  const lr = state.plan.lr(state.epoch, state.ts.step + 1);
  const out = state.trainer.step(state.ts, batch, { lr });
  state.ts = out.trainState;
  takeSnapshot(state);
  loop.reporter.push(state.ts.step, out.loss, lr);
}

/**
 * SAM's first/second-order update cosine of the step about to be taken, at its starting weights
 * on its batch (sent at once). Costs nothing when tracking is off or the run is not SAM.
 */
async function trackSamCosine(loop: LoopState, hooks: TrainHooks, batch: Batch): Promise<void> {
  const { state, cosine } = loop;
  const step = state.ts.step + 1;
  if (!cosine.due(step)) return;
  const { spec, ts } = state;
  const measuring = cosine.measure(spec, ts.params, ts.modelState, batch, {
    step,
    epoch: state.epoch,
  });
  const event = await hooks.control.guard(measuring);
  if (event) loop.reporter.emit([event]);
}

/**
 * λ_max of the current weights when tracking is due at this step (sent at once; the step events
 * of the same steps may follow it). Costs nothing when tracking is off.
 */
async function trackSharpness(loop: LoopState, hooks: TrainHooks): Promise<void> {
  const { state, tracker } = loop;
  const step = state.ts.step;
  if (!tracker.due(step)) return;
  const at = { step, epoch: state.epoch, lr: state.plan.lr(state.epoch, Math.max(step, 1)) };
  const measuring = tracker.measure(state.spec, state.ts.params, state.ts.modelState, at);
  const event = await hooks.control.guard(measuring);
  if (event) loop.reporter.emit([event]);
}

/**
 * After a chunk of steps: reports them, and when all were fine moves the divergence guard on,
 * takes a host checkpoint when one is due and lets pause/stop in. 'diverged' or 'stopped' end the
 * epoch; null goes on.
 */
async function afterChunk(loop: LoopState, hooks: TrainHooks, s: number) {
  const { state } = loop;
  const bad = await loop.reporter.flush(
    { epoch: state.epoch, totalSteps: state.totalSteps },
    loop.guard,
  );
  if (bad !== null) {
    state.diverged = bad;
    return 'diverged';
  }
  loop.guard.advance(state.ts.params, state.ts.modelState, state.ts.step);
  state.stepInEpoch = s + 1;
  if (loop.recovery.due()) await loop.recovery.take(state);
  await yieldToEventLoop();
  return (await hooks.control.checkpoint()) ? null : 'stopped';
}

/** The rest of the current epoch, from `state.stepInEpoch`. */
async function runEpoch(
  config: TrainConfig,
  data: LoopData,
  loop: LoopState,
  hooks: TrainHooks,
): Promise<EpochsOutcome | 'done'> {
  const rng = makeRng(deriveSeed(config.seed, `shuffle/${loop.state.epoch}`));
  const order = permutation(data.subset.length, rng);
  for (let s = loop.state.stepInEpoch; s < data.stepsPerEpoch; s++) {
    const batch = batchAt(order, s, config.batchSize, data);
    try {
      await trackSamCosine(loop, hooks, batch);
      trainStep(batch, loop);
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
    await trackSharpness(loop, hooks);
    if (!loop.reporter.due() && s < data.stepsPerEpoch - 1) continue;
    const ended = await afterChunk(loop, hooks, s);
    if (ended) return ended;
  }
  return 'done';
}

/** Metrics of the running average, BatchNorm recomputed; undefined before averaging begins. */
async function averagedMetrics(
  state: StepState,
  data: LoopData,
  hooks: TrainHooks,
  batchSize: number,
): Promise<AveragedMetrics | undefined> {
  const s = swaState(state);
  if (!s?.avg) return undefined;
  const bn = averagedState(state.spec, s.avg, data.train, batchSize);
  try {
    const metrics = await hooks.control.guard(splitMetrics(state.spec, s.avg, bn, data));
    return { nAveraged: s.nAveraged, ...metrics };
  } finally {
    tf.dispose(Object.values(bn));
  }
}

/** Epoch-end bookkeeping; 'diverged' when the last update left weights with a non-finite loss. */
async function endEpoch(config: TrainConfig, data: LoopData, loop: LoopState, hooks: TrainHooks) {
  const { state } = loop;
  const { spec, ts } = state;
  const metrics = await hooks.control.guard(splitMetrics(spec, ts.params, ts.modelState, data));
  if (!Number.isFinite(metrics.trainLoss)) {
    state.diverged = ts.step;
    return 'diverged';
  }
  state.checkpoints.push(snapshot(ts.params));
  await hooks.onEpochEnd?.(state.checkpoints, ts.modelState);
  await hooks.onCheckpoint?.(state.epoch, state.checkpoints[state.checkpoints.length - 1]!);
  const averaged = await averagedMetrics(state, data, hooks, config.batchSize);
  const event: EpochEvent = { kind: 'epoch', epoch: state.epoch, step: ts.step, ...metrics };
  state.last = averaged ? { ...event, averaged } : event;
  loop.reporter.emit([state.last]);
  state.epoch += 1;
  state.stepInEpoch = 0;
  await loop.recovery.take(state);
  return 'done';
}

/** Trains from the loop's position to the end of the last epoch, or until stopped or diverged. */
export async function epochs(
  config: TrainConfig,
  data: LoopData,
  loop: LoopState,
  hooks: TrainHooks,
): Promise<EpochsOutcome> {
  if (!loop.recovery.latest) await loop.recovery.take(loop.state);
  await trackSharpness(loop, hooks);
  while (loop.state.epoch <= config.epochs) {
    const outcome = await runEpoch(config, data, loop, hooks);
    if (outcome !== 'done') return outcome;
    if ((await endEpoch(config, data, loop, hooks)) === 'diverged') return 'diverged';
  }
  return 'finished';
}
