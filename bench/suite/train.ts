import * as tf from '@tensorflow/tfjs';
import {
  createOptimizer,
  createTrainer,
  initModel,
  type Batch,
  type ModelSpec,
  type OptimizerConfig,
  type Trainer,
  type TrainState,
} from '../../src/engine';
import { makeRng, permutation } from '../../src/domain/random';

/** Losses are read back at most every this many steps, as the worker's training loop does. */
const FLUSH_STEPS = 50;

/** A training run in progress: Flatland's trainer, its state and the shuffled sample order. */
export interface Run {
  trainer: Trainer<unknown>;
  ts: TrainState<unknown>;
  order: Int32Array;
  /** Next batch index within `order`. */
  cursor: number;
}

/** Starts a run of `spec` with the optimizer `cfg` on a set of `n` samples. */
export function startRun(spec: ModelSpec, cfg: OptimizerConfig, n: number, seed: number): Run {
  const { params, state } = initModel(spec, seed);
  const trainer = createTrainer(spec, createOptimizer(cfg));
  return {
    trainer,
    ts: trainer.init(params, state),
    order: permutation(n, makeRng(seed)),
    cursor: 0,
  };
}

export function endRun(run: Run): void {
  run.trainer.dispose(run.ts);
}

/** One step on the next batch of `set`, gathered on the backend as the worker does. */
function step(run: Run, set: Batch, batch: number): tf.Scalar {
  const perEpoch = Math.floor(run.order.length / batch);
  const s = run.cursor % perEpoch;
  run.cursor += 1;
  const idx = tf.tensor1d(run.order.subarray(s * batch, (s + 1) * batch), 'int32');
  const b = { x: tf.gather(set.x, idx) as tf.Tensor4D, y: tf.gather(set.y, idx) as tf.Tensor1D };
  const out = run.trainer.step(run.ts, b);
  tf.dispose([idx, b.x, b.y]);
  run.ts = out.trainState;
  return out.loss;
}

/**
 * Flatland's training loop (as src/worker/train-loop.ts): constant batch shapes, losses kept on
 * the backend and read back together every {@link FLUSH_STEPS} steps and at the end. Resolves
 * once the last loss has been read, i.e. when the backend has really done the work.
 *
 * @param onStep - called after each step (before any readback) with the 1-based step count.
 */
export async function trainSteps(
  run: Run,
  set: Batch,
  batch: number,
  steps: number,
  onStep?: (done: number) => void,
): Promise<number[]> {
  const all: number[] = [];
  let pending: tf.Scalar[] = [];
  for (let i = 1; i <= steps; i++) {
    pending.push(step(run, set, batch));
    onStep?.(i);
    if (pending.length >= FLUSH_STEPS || i === steps) {
      const stacked = tf.stack(pending);
      all.push(...(await stacked.data()));
      tf.dispose([stacked, ...pending]);
      pending = [];
    }
  }
  return all;
}
