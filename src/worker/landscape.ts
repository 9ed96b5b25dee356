import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/load';
import { evalIndices } from '../data/subset';
import { evaluate } from '../engine/evaluate';
import { disposeParams } from '../engine/landscape/combine';
import { directionPair, filterNormalizedDirection } from '../engine/landscape/directions';
import { linspace, pointAt, type EvalFn, type EvalFns } from '../engine/landscape/points';
import { grid2d, interpolate, slice1d } from '../engine/landscape/surface';
import { stateShapes } from '../engine/model/params';
import { recomputeBatchNorm } from '../engine/optim/bn-recompute';
import { deriveSeed } from '../engine/random';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type { GridResult, LandscapeConfig, PointValue, Progress, SliceResult } from './api';
import type { WeightsTarget } from './runs';
import { buildSet, disposeSet, type TensorSet } from './tensor-sets';

/** Fixed, seeded evaluation samples: train from the run's subset, test from the test split. */
export class EvalSets {
  private sets: { key: string; train: TensorSet; test: TensorSet } | null = null;

  get(
    dataset: Dataset,
    subset: Int32Array,
    samples: number,
    seed: number,
  ): { train: TensorSet; test: TensorSet } {
    const key = `${dataset.id}/${subset.length}/${subset[0]}/${samples}/${seed}`;
    if (this.sets?.key !== key) {
      this.dispose();
      const s = deriveSeed(seed, 'landscape/eval');
      const trainIdx = evalIndices(subset.length, samples, s).map((i) => subset[i]!);
      const testIdx = evalIndices(dataset.test.count, samples, s);
      this.sets = {
        key,
        train: buildSet(dataset.train, trainIdx),
        test: buildSet(dataset.test, testIdx),
      };
    }
    return this.sets;
  }

  dispose(): void {
    if (!this.sets) return;
    disposeSet(this.sets.train);
    disposeSet(this.sets.test);
    this.sets = null;
  }
}

/** Eval-mode evaluation with fixed BatchNorm statistics (those stored with the weights). */
function fixedStateFns(
  spec: ModelSpec,
  state: ModelState,
  sets: { train: TensorSet; test: TensorSet },
): EvalFns {
  return {
    train: (p) => evaluate(spec, p, state, sets.train.x, sets.train.y),
    test: (p) => evaluate(spec, p, state, sets.test.x, sets.test.y),
  };
}

/**
 * BatchNorm statistics recomputed at every point over the training sample before evaluating,
 * as the mode-connectivity code does: weights off the trained ones have no statistics of their own.
 */
function recomputedStateFns(spec: ModelSpec, sets: { train: TensorSet; test: TensorSet }): EvalFns {
  const withState =
    (set: TensorSet): EvalFn =>
    (p) => {
      const state = recomputeBatchNorm(spec, p, [sets.train.x]);
      try {
        return evaluate(spec, p, state, set.x, set.y);
      } finally {
        tf.dispose(Object.values(state));
      }
    };
  return { train: withState(sets.train), test: withState(sets.test) };
}

export function evalFnsFor(
  spec: ModelSpec,
  state: ModelState,
  sets: { train: TensorSet; test: TensorSet },
  recompute: boolean,
): EvalFns {
  return recompute && stateShapes(spec).length > 0
    ? recomputedStateFns(spec, sets)
    : fixedStateFns(spec, state, sets);
}

/**
 * Landscapes around one set of weights. Borrows the weights (never modifies or disposes them:
 * every point is built as new tensors w + Σ cᵢ·dᵢ and disposed after use); owns its directions.
 */
export class LandscapeSession {
  private sliceDir: Params | null = null;

  constructor(
    private readonly target: WeightsTarget,
    private readonly sets: EvalSets,
  ) {}

  private evalFns(config: LandscapeConfig): EvalFns {
    const { model, dataset, state } = this.target;
    const sets = this.sets.get(dataset, model.subset, config.evalSamples, config.seed);
    return fixedStateFns(model.spec, state, sets);
  }

  async slice1d(
    config: LandscapeConfig,
    onProgress: (p: Progress) => void,
    isCancelled: () => boolean = () => false,
  ): Promise<SliceResult> {
    const fns = this.evalFns(config);
    if (this.sliceDir) disposeParams(this.sliceDir);
    this.sliceDir = filterNormalizedDirection(this.target.params, deriveSeed(config.seed, 'slice'));
    const ts = linspace(-config.sliceRange, config.sliceRange, config.slicePoints);
    const r = await slice1d(this.target.params, this.sliceDir, ts, fns, {
      onProgress,
      isCancelled,
    });
    return {
      t: r.t,
      trainLoss: r.trainLoss,
      testLoss: r.testLoss,
      trainAcc: r.trainAcc,
      testAcc: r.testAcc,
    };
  }

  async grid2d(
    config: LandscapeConfig,
    onProgress: (p: Progress) => void,
    isCancelled: () => boolean = () => false,
  ): Promise<GridResult> {
    const fns = this.evalFns(config);
    const [d1, d2] = directionPair(this.target.params, deriveSeed(config.seed, 'grid'));
    try {
      const axis = linspace(-config.gridRange, config.gridRange, config.gridSize);
      return await grid2d(this.target.params, d1, d2, axis, axis, fns, { onProgress, isCancelled });
    } finally {
      disposeParams(d1);
      disposeParams(d2);
    }
  }

  /** Loss and accuracy at w + t·d along the last slice's direction. */
  async evaluateAt(t: number, config: LandscapeConfig): Promise<PointValue> {
    if (!this.sliceDir) throw new Error('Compute the 1D slice before moving along it.');
    const r = await pointAt(this.target.params, [this.sliceDir], [t], this.evalFns(config));
    return { t, ...r };
  }

  dispose(): void {
    if (this.sliceDir) disposeParams(this.sliceDir);
    this.sliceDir = null;
  }
}

export { interpolate };
