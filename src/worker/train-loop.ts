import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/load';
import { evalIndices, selectSubset } from '../data/subset';
import { evaluate } from '../engine/evaluate';
import { initModel } from '../engine/model/init';
import { MODEL_ZOO } from '../engine/model/zoo';
import { createOptimizer } from '../engine/optim/create';
import { deriveSeed, makeRng, permutation } from '../engine/random';
import { createTrainer, type Trainer, type TrainState } from '../engine/train/step';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type { EpochEvent, StepEvent, TrainConfig, TrainEvent, TrainSummary } from './api';
import { optimizerConfig } from './optimizer-config';
import type { RunControl } from './run-control';
import { buildSet, disposeSet, type TensorSet } from './tensor-sets';

/** The weights a run ends with; owned by the worker session until the next run. */
export interface TrainedModel {
  spec: ModelSpec;
  params: Params;
  state: ModelState;
  /** Indices (into the training split) of the run's training subset, for landscape evaluation. */
  subset: Int32Array;
}

interface LoopData {
  train: TensorSet;
  trainEval: TensorSet;
  testEval: TensorSet;
  subset: Int32Array;
  stepsPerEpoch: number;
}

/** Losses are read back in chunks: at most this many steps, or this much time, per readback. */
const FLUSH_STEPS = 50;
const FLUSH_MS = 250;

function prepareData(config: TrainConfig, dataset: Dataset): LoopData {
  const subset = selectSubset(
    dataset.train.labels,
    config.subset,
    deriveSeed(config.seed, 'subset'),
  );
  if (subset.length < config.batchSize) {
    throw new Error(
      `The batch size (${config.batchSize}) is larger than the training subset (${subset.length}).`,
    );
  }
  const evalSeed = deriveSeed(config.seed, 'eval');
  const trainEvalIdx = evalIndices(subset.length, config.evalSamples, evalSeed).map(
    (i) => subset[i]!,
  );
  const testEvalIdx = evalIndices(dataset.test.count, config.evalSamples, evalSeed);
  return {
    train: buildSet(dataset.train, subset),
    trainEval: buildSet(dataset.train, trainEvalIdx),
    testEval: buildSet(dataset.test, testEvalIdx),
    subset,
    // Drop the last partial batch: constant shapes let the backend reuse kernels and buffers.
    stepsPerEpoch: Math.floor(subset.length / config.batchSize),
  };
}

/** Eval-mode train/test metrics with a single readback. */
async function epochMetrics(
  spec: ModelSpec,
  ts: TrainState<unknown>,
  data: LoopData,
): Promise<Omit<EpochEvent, 'kind' | 'epoch' | 'step'>> {
  const stacked = tf.tidy(() => {
    const tr = evaluate(spec, ts.params, ts.modelState, data.trainEval.x, data.trainEval.y);
    const te = evaluate(spec, ts.params, ts.modelState, data.testEval.x, data.testEval.y);
    return tf.stack([tr.loss, tr.accuracy, te.loss, te.accuracy]);
  });
  const v = await stacked.data();
  stacked.dispose();
  return { trainLoss: v[0]!, trainAcc: v[1]!, testLoss: v[2]!, testAcc: v[3]! };
}

/** Pending per-step losses, read back together. */
class LossBuffer {
  private losses: tf.Scalar[] = [];
  private firstStep = 0;
  private lastFlush = performance.now();

  push(step: number, loss: tf.Scalar): void {
    if (this.losses.length === 0) this.firstStep = step;
    this.losses.push(loss);
  }

  due(): boolean {
    return this.losses.length >= FLUSH_STEPS || performance.now() - this.lastFlush >= FLUSH_MS;
  }

  /** Reads all pending losses with one readback; returns [step, loss] pairs. */
  async flush(): Promise<Array<[number, number]>> {
    if (this.losses.length === 0) return [];
    const stacked = tf.stack(this.losses);
    const values = await stacked.data();
    tf.dispose([stacked, ...this.losses]);
    const out = Array.from(values, (v, i): [number, number] => [this.firstStep + i, v]);
    this.losses = [];
    this.lastFlush = performance.now();
    return out;
  }

  dispose(): void {
    tf.dispose(this.losses);
    this.losses = [];
  }
}

/** Lets queued messages (pause/stop) in: a CPU-backend readback only yields to microtasks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface TrainHooks {
  control: RunControl;
  emit: (events: TrainEvent[]) => void;
}

interface LoopState {
  trainer: Trainer<unknown>;
  ts: TrainState<unknown>;
  buffer: LossBuffer;
  started: number;
  totalSteps: number;
}

/** Reads pending losses, stops on divergence, and reports them as step events. */
async function flushSteps(loop: LoopState, epoch: number, hooks: TrainHooks): Promise<void> {
  const pairs = await loop.buffer.flush();
  if (pairs.length === 0) return;
  const elapsedMs = performance.now() - loop.started;
  const bad = pairs.find(([, loss]) => !Number.isFinite(loss));
  const events: StepEvent[] = pairs
    .filter(([, loss]) => Number.isFinite(loss))
    .map(([step, loss]) => ({
      kind: 'step',
      step,
      epoch,
      loss,
      totalSteps: loop.totalSteps,
      elapsedMs,
    }));
  if (events.length) hooks.emit(events);
  if (bad) {
    throw new Error(`The loss diverged at step ${bad[0]} — try a smaller learning rate.`);
  }
}

function batchIndices(order: Int32Array, s: number, batchSize: number): tf.Tensor1D {
  return tf.tensor1d(order.subarray(s * batchSize, (s + 1) * batchSize), 'int32');
}

/** One epoch of steps over a seeded shuffle. Returns false when the run was stopped. */
async function runEpoch(
  epoch: number,
  config: TrainConfig,
  data: LoopData,
  loop: LoopState,
  hooks: TrainHooks,
): Promise<boolean> {
  const order = permutation(
    data.subset.length,
    makeRng(deriveSeed(config.seed, `shuffle/${epoch}`)),
  );
  for (let s = 0; s < data.stepsPerEpoch; s++) {
    const idx = batchIndices(order, s, config.batchSize);
    const batch = {
      x: tf.gather(data.train.x, idx) as tf.Tensor4D,
      y: tf.gather(data.train.y, idx),
    };
    const out = loop.trainer.step(loop.ts, batch);
    tf.dispose([idx, batch.x, batch.y]);
    loop.ts = out.trainState;
    loop.buffer.push(loop.ts.step, out.loss);
    if (loop.buffer.due() || s === data.stepsPerEpoch - 1) {
      await flushSteps(loop, epoch, hooks);
      await yieldToEventLoop();
      if (!(await hooks.control.checkpoint())) return false;
    }
  }
  return true;
}

function startLoop(config: TrainConfig, spec: ModelSpec, data: LoopData): LoopState {
  const { params, state } = initModel(spec, deriveSeed(config.seed, 'init'));
  const trainer = createTrainer(spec, createOptimizer(optimizerConfig(config)));
  return {
    trainer,
    ts: trainer.init(params, state),
    buffer: new LossBuffer(),
    started: performance.now(),
    totalSteps: data.stepsPerEpoch * config.epochs,
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
  };
}

/**
 * Trains a fresh model on the dataset as the config says, emitting step events in chunks and
 * epoch events with eval-mode metrics on fixed seeded samples of train and test.
 * The returned model's tensors are owned by the caller.
 */
export async function runTraining(
  config: TrainConfig,
  dataset: Dataset,
  hooks: TrainHooks,
): Promise<{ summary: TrainSummary; model: TrainedModel }> {
  const spec = MODEL_ZOO[config.model].spec([28, 28, 1], dataset.classes.length);
  const data = prepareData(config, dataset);
  const loop = startLoop(config, spec, data);
  let last: EpochEvent | null = null;
  let epoch: number;
  try {
    for (epoch = 1; epoch <= config.epochs; epoch++) {
      if (!(await runEpoch(epoch, config, data, loop, hooks))) break;
      const metrics = await epochMetrics(spec, loop.ts, data);
      last = { kind: 'epoch', epoch, step: loop.ts.step, ...metrics };
      hooks.emit([last]);
    }
  } catch (err) {
    loop.trainer.dispose(loop.ts);
    throw err;
  } finally {
    loop.buffer.dispose();
    [data.train, data.trainEval, data.testEval].forEach(disposeSet);
  }
  const status = epoch > config.epochs ? 'finished' : 'stopped';
  const summary = summarise(loop, status, Math.min(epoch, config.epochs), last);
  const model = { spec, params: loop.ts.params, state: loop.ts.modelState, subset: data.subset };
  loop.trainer.dispose({ ...loop.ts, params: {}, modelState: {} });
  return { summary, model };
}
