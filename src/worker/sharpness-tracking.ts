/**
 * Sharpness tracking: λ_max of the training loss every k steps while a run trains (Cohen et al.
 * 2021 watch it rise to the stability threshold 2/η). Measured on a fixed, seeded sample of the
 * run's own training labels (the noisy ones under label noise: the loss the run minimises) in eval
 * mode (BatchNorm moving statistics), so successive values differ only through the weights.
 */
import * as tf from '@tensorflow/tfjs';
import { evalIndices } from '../data/subset';
import { hessianLambdaMax, type EigenResult } from '../engine/landscape/hessian';
import { modelHvp } from '../engine/tangent/hvp';
import type { OptimizerConfig } from '../engine/optim/create';
import { deriveSeed } from '../domain/random';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type { SharpnessEvent, TrainConfig } from '../domain/api';
import type { LoopData } from './loop-data';
import { disposeSet, type TensorSet } from './tensor-sets';

/**
 * Training samples the loss is measured on: one default batch. Each exact Hessian-vector product
 * is a forward pass with tangents and one reverse pass over it (about two training steps' worth
 * of work on this many samples), so it sets the overhead.
 */
export const TRACKING_SAMPLES = 64;
/**
 * At most this many products per measurement: the cap that bounds the overhead. Warm-started from
 * the previous eigenvector, which usually moves little in k steps, a few products suffice; 3 were
 * too few where the top direction had turned (a test read 0.12 along the old eigenvector while
 * λ_max was 2.8), 6 got within 1% there.
 */
export const TRACKING_MAX_ITER = 6;
/**
 * Relative change of the estimate at which the iteration stops early (1%: the plot is read on a
 * log scale; the products are exact, so the estimate settles rather than jitters).
 */
export const TRACKING_TOL = 1e-2;

/** Whether the weights after global step `step` (0: the initial ones) are measured; k = 0: never. */
export function isTrackedStep(step: number, every: number): boolean {
  return every > 0 && step % every === 0;
}

/**
 * λ_max of the eval-mode training loss on `set` — the one call into the engine's Hessian code.
 *
 * @param params - weights (any shapes); not modified. @param init - warm start (or null).
 * @returns the eigenvalue and unit eigenvector (caller disposes the vector).
 */
export function trackedLambdaMax(
  spec: ModelSpec,
  params: Params,
  state: ModelState,
  set: TensorSet,
  init: Params | null,
): Promise<EigenResult> {
  return hessianLambdaMax(modelHvp(spec, state, set.x, set.y), params, {
    maxIter: TRACKING_MAX_ITER,
    tol: TRACKING_TOL,
    ...(init ? { init } : {}),
  });
}

/** SGD momentum β of the steps an optimizer takes (through SAM/SWA/WASAM); null for Adam. */
export function sgdMomentum(cfg: OptimizerConfig): number | null {
  if (cfg.type === 'adam') return null;
  if (cfg.type === 'sgd') return cfg.momentum ?? 0;
  return sgdMomentum(cfg.base);
}

/** Where in training a measurement is taken. */
export interface TrackedStep {
  step: number;
  epoch: number;
  lr: number;
}

/** A run's measurements: its fixed sample, the last eigenvector (warm start), what was measured. */
export class SharpnessTracker {
  private previous: Params | null = null;
  /** The last step measured (or skipped as not finite); steps redone after a recovery are not. */
  lastStep = -1;

  private constructor(
    readonly every: number,
    private set: TensorSet | null,
    private readonly momentum: number | null,
  ) {}

  /** Off (no tensors at all) when `config.sharpnessEvery` is 0 or absent. */
  static create(config: TrainConfig, data: LoopData, optimizer: OptimizerConfig) {
    const every = config.sharpnessEvery ?? 0;
    if (every <= 0) return new SharpnessTracker(0, null, null);
    const seed = deriveSeed(config.seed, 'sharpness-tracking');
    const idx = tf.tensor1d(evalIndices(data.subset.length, TRACKING_SAMPLES, seed), 'int32');
    // data.train holds the labels as trained on: the noisy ones under label noise.
    const set = {
      x: tf.gather(data.train.x, idx) as tf.Tensor4D,
      y: tf.gather(data.train.y, idx) as tf.Tensor1D,
    };
    idx.dispose();
    return new SharpnessTracker(every, set, sgdMomentum(optimizer));
  }

  due(step: number): boolean {
    return this.set !== null && step > this.lastStep && isTrackedStep(step, this.every);
  }

  /** λ_max at the weights; null when not finite (a diverging run), so no event is sent. */
  async measure(
    spec: ModelSpec,
    params: Params,
    state: ModelState,
    at: TrackedStep,
  ): Promise<SharpnessEvent | null> {
    if (!this.set) return null;
    const r = await trackedLambdaMax(spec, params, state, this.set, this.previous);
    this.lastStep = at.step;
    this.dropPrevious();
    if (!Number.isFinite(r.value)) {
      tf.dispose(Object.values(r.vector));
      return null;
    }
    this.previous = r.vector;
    const { momentum } = this;
    return { kind: 'sharpness', ...at, lambdaMax: r.value, momentum, iterations: r.iterations };
  }

  private dropPrevious(): void {
    if (this.previous) tf.dispose(Object.values(this.previous));
    this.previous = null;
  }

  /** Idempotent: the loop's failure path and its normal end may both call it. */
  dispose(): void {
    this.dropPrevious();
    disposeSet(this.set);
    this.set = null;
  }
}
