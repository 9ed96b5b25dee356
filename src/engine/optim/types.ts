import type * as tf from '@tensorflow/tfjs';
import type { ModelState, Params } from '../types';

/** Options of one loss-and-gradient evaluation. */
export interface LossAndGradOptions {
  /**
   * `true`: the pass also returns the updated BatchNorm moving statistics (the first SAM pass,
   * every plain step). `false`: batch statistics are still used, but the moving ones are not
   * updated (the SAM second pass, like torch SAM's momentum-0 trick).
   */
  updateState: boolean;
  /**
   * Only rows [start, start + size) of the batch (m-SAM's sub-batches, optim/msam.ts); the loss
   * is their mean and BatchNorm normalises with that sub-batch's statistics (a ghost batch).
   * Absent: the whole batch.
   */
  rows?: { start: number; size: number };
}

/**
 * Result of {@link LossAndGrad}. Every tensor is new and owned by the caller of the function
 * (in practice the optimizer), which must dispose it.
 */
export interface LossAndGradResult {
  /** Mean loss of the batch at the given params (scalar). */
  loss: tf.Scalar;
  /** d loss / d param, same names and shapes as the params. */
  grads: Params;
  /** New moving statistics; present exactly when `updateState` was true (`{}` without BatchNorm). */
  state?: ModelState;
}

/**
 * Loss and gradient of the current batch at arbitrary weights, so an optimizer can evaluate it
 * more than once per step (SAM). `params` is borrowed: the function never disposes it.
 * `hvp`, where present, is the exact Hessian-vector product of the same batch loss (same mode,
 * labels and BatchNorm statistics: the loss the gradient differentiates): second-order SAM.
 */
export type LossAndGrad = ((params: Params, opts: LossAndGradOptions) => LossAndGradResult) & {
  /** B, the rows of the batch (set by `makeLossAndGrad`; m-SAM needs it to cut sub-batches). */
  readonly batchSize?: number;
  hvp?: (params: Params, v: Params) => Params;
};

/** Per-step overrides. */
export interface StepOptions {
  /** Learning rate for this step (from an LR schedule); defaults to the configured one. */
  lr?: number;
}

/**
 * Result of {@link Optimizer.step}. All tensors are owned by the caller and are new tensor
 * objects (some may share storage with an input through `tf.clone`, which is safe: disposing one
 * handle never frees the other's data).
 */
export interface StepOutput<S> {
  /** Weights after the step. */
  params: Params;
  /** Optimizer state after the step; release with {@link Optimizer.disposeState}. */
  optState: S;
  /** Loss at the weights before the step (the first pass), scalar. */
  loss: tf.Scalar;
  /** Moving statistics from the state-updating pass (`{}` for models without BatchNorm). */
  modelState: ModelState;
}

/**
 * An optimizer with explicit state (no tf.Variable), so a step is a function
 * (params, optState) → (params', optState').
 *
 * Ownership: `step` borrows `params`, `optState` and never disposes them; it calls
 * `lossAndGrad` with `updateState: true` once (m-SAM: once per sub-batch) and disposes whatever else that call and
 * any further calls return, except what it hands back in the {@link StepOutput}. A loop therefore
 * disposes, after each step, the old params, the old optimizer state (`disposeState`), the old
 * model state, and the loss once it has been read.
 */
export interface Optimizer<S> {
  readonly name: string;
  /** Initial state for these params (tensors owned by the caller). Borrows `params`. */
  init(params: Params): S;
  step(params: Params, optState: S, lossAndGrad: LossAndGrad, opts?: StepOptions): StepOutput<S>;
  /** Disposes every tensor held by a state returned from `init` or `step`. */
  disposeState(optState: S): void;
}

/** Result of {@link GradientOptimizer.update}; tensors owned by the caller. */
export interface UpdateOutput<S> {
  params: Params;
  optState: S;
}

/**
 * A first-order optimizer that can also step from a gradient computed elsewhere — what SAM
 * needs (the gradient at w + e applied at w). `update` borrows all of its arguments.
 */
export interface GradientOptimizer<S> extends Optimizer<S> {
  update(params: Params, grads: Params, optState: S, opts?: StepOptions): UpdateOutput<S>;
}
