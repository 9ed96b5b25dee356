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
import type { ModelSpec, ModelState } from '../engine/types';
import type { LabelChoice } from '../domain/api';
import { EvalBackend } from './eval-backend';
import { labelledSet } from './loop-data';
import { buildSet, disposeSet, type TensorSet } from './tensor-sets';
import type { TrainedModel } from './train-loop';

/** What `EvalSets` needs of a run: its subset, its trained-on labels and its metric seed. */
export type EvalSource = Pick<TrainedModel, 'subset' | 'labels' | 'evalSeed'>;

/**
 * Fixed, seeded evaluation samples: train from the run's subset, test from the test split. Both
 * are drawn with the run's own metric seed, as the per-epoch metrics are (`prepareData`), so with
 * the same sample count a landscape's centre is evaluated on exactly the samples (and, with the
 * trained labels, the labels) of the reported train and test loss; fewer samples are a subset.
 */
export class EvalSets {
  /**
   * @param backend where evaluations on these samples run (the worker's; by default always the
   * training backend, as in Node tests that build their own sets).
   */
  constructor(readonly backend: EvalBackend = new EvalBackend()) {}

  private sets: {
    key: string;
    labels: Int32Array;
    train: TensorSet;
    test: TensorSet;
  } | null = null;

  get(
    dataset: Dataset,
    run: EvalSource,
    samples: number,
    labels: LabelChoice = 'trained',
  ): { train: TensorSet; test: TensorSet } {
    const { subset, evalSeed } = run;
    const key = `${dataset.id}/${subset.length}/${subset[0]}/${samples}/${evalSeed}/${labels}`;
    // Runs with the same subset can differ in label noise: the labels array identifies them.
    if (this.sets?.key !== key || this.sets.labels !== run.labels) {
      this.dispose();
      const trainPos = evalIndices(subset.length, samples, evalSeed);
      const trainIdx = trainPos.map((i) => subset[i]!);
      const testIdx = evalIndices(dataset.test.count, samples, evalSeed);
      this.sets = {
        key,
        labels: run.labels,
        train:
          labels === 'clean'
            ? buildSet(dataset.train, trainIdx)
            : labelledSet(
                dataset.train,
                trainIdx,
                trainPos.map((i) => run.labels[i]!),
              ),
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
