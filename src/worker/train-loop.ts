import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/load';
import { modelSpecFor } from '../domain/model-zoo';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type { Divergence, TrainConfig, TrainSummary } from '../domain/api';
import { disposeLoopData, prepareData, type LoopData } from './loop-data';
import { averagedState, splitMetrics } from './metrics';
import {
  disposeLoop,
  epochs,
  resumeLoop,
  snapshot,
  startLoop,
  swaState,
  type EpochsOutcome,
  type LoopState,
  type TrainHooks,
} from './train-epochs';

export { snapshot, type TrainHooks };

/** The weights a run ends with; owned by the worker session until the next run. */
export interface TrainedModel {
  spec: ModelSpec;
  params: Params;
  state: ModelState;
  /** Indices (into the training split) of the run's training subset, for landscape evaluation. */
  subset: Int32Array;
  /** Labels as trained on (after label noise), aligned with `subset`. */
  labels: Int32Array;
  /** Seed of the per-epoch metric samples: landscapes evaluate on the same ones. */
  evalSeed: number;
  /** Weights at initialisation and at the end of each epoch (the trajectory), oldest first. */
  checkpoints: Params[];
  /** SWA/WASAM: the running average with BatchNorm statistics recomputed for it. */
  averaged?: { params: Params; state: ModelState; nAveraged: number };
}

function summarise(
  loop: LoopState,
  status: TrainSummary['status'],
  config: TrainConfig,
): TrainSummary {
  const elapsedMs = performance.now() - loop.reporter.started;
  const { last, ts, epoch } = loop.state;
  return {
    status,
    steps: ts.step,
    epochs: Math.min(epoch, config.epochs),
    elapsedMs,
    stepsPerSecond: ts.step / Math.max(elapsedMs / 1000, 1e-9),
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
  const { state } = loop;
  const s = swaState(state);
  const model: TrainedModel = {
    spec: state.spec,
    params: state.ts.params,
    state: state.ts.modelState,
    subset: data.subset,
    labels: data.labels,
    evalSeed: data.evalSeed,
    checkpoints: state.checkpoints,
  };
  if (s?.avg && state.diverged === null) {
    const params = snapshot(s.avg);
    model.averaged = {
      params,
      state: averagedState(state.spec, params, data.train, batchSize),
      nAveraged: s.nAveraged,
    };
  }
  state.trainer.dispose({ ...state.ts, params: {}, modelState: {} });
  loop.guard.dispose();
  return model;
}

/**
 * A diverged run keeps the last weights whose loss was finite: they replace the current ones,
 * and its final metrics are theirs. The SWA average is dropped, as it may hold diverged weights.
 */
async function keepFinite(
  loop: LoopState,
  data: LoopData,
  config: TrainConfig,
): Promise<TrainSummary> {
  const { state } = loop;
  const badStep = state.diverged!;
  const kept = loop.guard.takeKept(badStep);
  tf.dispose([...Object.values(state.ts.params), ...Object.values(state.ts.modelState)]);
  state.ts = { ...state.ts, params: kept.params, modelState: kept.state };
  const metrics = await splitMetrics(state.spec, kept.params, kept.state, data);
  const diverged: Divergence = {
    step: badStep,
    keptStep: kept.step,
    message:
      `The loss diverged at step ${badStep} — try a smaller learning rate. ` +
      `The run keeps the weights of step ${kept.step}, the last with a finite loss.`,
  };
  const summary = summarise(loop, 'stopped', config);
  return { ...summary, steps: kept.step, final: metrics, averaged: undefined, diverged };
}

async function finish(outcome: EpochsOutcome, loop: LoopState, data: LoopData, cfg: TrainConfig) {
  const summary =
    outcome === 'diverged' ? await keepFinite(loop, data, cfg) : summarise(loop, outcome, cfg);
  if (!summary.averaged) delete summary.averaged;
  return { summary, model: finalModel(loop, data, cfg.batchSize) };
}

interface Attempt {
  loop: LoopState;
  data: LoopData;
}

/**
 * After a failure: when the caller reports a lost device and names a backend to go on with,
 * the loop is rebuilt there from its last host checkpoint; else null (the failure stands).
 */
async function recover(
  err: unknown,
  at: Attempt,
  config: TrainConfig,
  dataset: Dataset,
  hooks: TrainHooks,
): Promise<Attempt | null> {
  const host = at.loop.recovery.latest;
  if (!hooks.recover || !host) return null;
  const info = await hooks.recover(err instanceof Error ? err.message : String(err));
  if (!info) return null;
  // The old tensors lived on the lost device: nothing of them can be read any more.
  try {
    disposeLoop(at.loop);
    disposeLoopData(at.data);
  } catch {
    // Freeing memory of a lost device can fail; it is gone either way.
  }
  const data = prepareData(config, dataset);
  const loop = resumeLoop(config, data, at.loop, host, hooks);
  const reason = info.fallbackReason ?? 'the GPU device was lost';
  const message = `${reason}. Training continued on ${info.active} from step ${host.step}, its last checkpoint.`;
  hooks.emit([{ kind: 'backend', info, resumedFromStep: host.step, message }]);
  return { loop, data };
}

/**
 * Trains a fresh model as the config says: a plan event, step events in chunks (loss and lr),
 * and epoch events with eval-mode metrics on fixed seeded samples of train and test (and of the
 * SWA average once it exists). A diverging loss stops the run with its last finite weights
 * (`summary.diverged`); a lost device is survived through `hooks.recover`. The returned model's
 * tensors are owned by the caller.
 */
export async function runTraining(config: TrainConfig, dataset: Dataset, hooks: TrainHooks) {
  const spec = modelSpecFor(config, [28, 28, 1], dataset.classes.length);
  const data = prepareData(config, dataset);
  let at: Attempt = { loop: startLoop(config, spec, data, hooks), data };
  const { state } = at.loop;
  hooks.emit([
    {
      kind: 'plan',
      totalSteps: state.totalSteps,
      stepsPerEpoch: data.stepsPerEpoch,
      labelsChanged: data.labelsChanged,
      ...(state.plan.swa ? { swaStartStep: state.plan.swa.startStep } : {}),
    },
  ]);
  try {
    await hooks.onCheckpoint?.(0, state.checkpoints[0]!);
    for (;;) {
      try {
        return await finish(
          await epochs(config, at.data, at.loop, hooks),
          at.loop,
          at.data,
          config,
        );
      } catch (err) {
        const next = await recover(err, at, config, dataset, hooks);
        if (!next) throw err;
        at = next;
      }
    }
  } catch (err) {
    disposeLoop(at.loop);
    throw err;
  } finally {
    at.loop.reporter.dispose();
    at.loop.tracker.dispose();
    disposeLoopData(at.data);
  }
}

/** Releases every tensor of a trained model (weights, state, trajectory, average). */
export function disposeTrainedModel(m: TrainedModel): void {
  tf.dispose([...Object.values(m.params), ...Object.values(m.state)]);
  m.checkpoints.forEach((c) => tf.dispose(Object.values(c)));
  if (m.averaged)
    tf.dispose([...Object.values(m.averaged.params), ...Object.values(m.averaged.state)]);
}
