import * as tf from '@tensorflow/tfjs';
import { disposeTensors } from '../optim/tensors';
import type { Optimizer, StepOptions } from '../optim/types';
import type { Batch, ModelSpec, ModelState, Params } from '../types';
import { makeLossAndGrad } from './loss-and-grad';

/** Everything a training loop carries between steps; all tensors owned by the holder. */
export interface TrainState<S> {
  params: Params;
  modelState: ModelState;
  optState: S;
  /** Steps taken so far. */
  step: number;
}

/** Result of {@link Trainer.step}: the next state and the loss before the step (caller disposes). */
export interface TrainStepOutput<S> {
  trainState: TrainState<S>;
  loss: tf.Scalar;
}

/** A training loop's step function for one model and optimizer. */
export interface Trainer<S> {
  /** Takes ownership of `params` and `modelState` (they become the state's tensors). */
  init(params: Params, modelState: ModelState): TrainState<S>;
  /**
   * One optimizer step on `batch` (borrowed). Consumes `trainState`: its tensors are disposed
   * (or handed over to the new state), so `ts = trainer.step(ts, b).trainState` does not leak.
   * The loss stays on the backend; read several back at once (e.g. `tf.stack(losses).data()`).
   * Keep batch shapes constant so backends compile their kernels once.
   */
  step(trainState: TrainState<S>, batch: Batch, opts?: StepOptions): TrainStepOutput<S>;
  /** Disposes every tensor of a state. */
  dispose(trainState: TrainState<S>): void;
}

/** Builds the {@link Trainer} of a model spec and an optimizer. */
export function createTrainer<S>(spec: ModelSpec, optimizer: Optimizer<S>): Trainer<S> {
  const dispose = (ts: TrainState<S>) => {
    disposeTensors(ts.params, ts.modelState);
    optimizer.disposeState(ts.optState);
  };
  return {
    init: (params, modelState) => ({
      params,
      modelState,
      optState: optimizer.init(params),
      step: 0,
    }),
    step(ts, batch, opts) {
      const lossAndGrad = makeLossAndGrad(spec, ts.modelState, batch);
      const out = optimizer.step(ts.params, ts.optState, lossAndGrad, opts);
      dispose(ts);
      return {
        trainState: {
          params: out.params,
          modelState: out.modelState,
          optState: out.optState,
          step: ts.step + 1,
        },
        loss: out.loss,
      };
    },
    dispose,
  };
}
