/**
 * The fixed, seeded samples every landscape, probe and θ(α) is evaluated on, and the evaluation
 * functions over them (BatchNorm statistics stored with the weights, or recomputed per point).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/load';
import { evalIndices } from '../data/subset';
import { evaluate } from '../engine/evaluate';
import type { EvalFn, EvalFns } from '../engine/landscape/points';
import { stateShapes } from '../engine/model/params';
import { recomputeBatchNorm } from '../engine/optim/bn-recompute';
import { deriveSeed } from '../engine/random';
import type { ModelSpec, ModelState } from '../engine/types';
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
