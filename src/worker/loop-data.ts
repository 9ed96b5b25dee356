import * as tf from '@tensorflow/tfjs';
import { exampleShape, gatherImages } from '../data/batch';
import { applyLabelNoise } from '../data/label-noise';
import type { Dataset, DatasetSplit } from '../data/load';
import { evalIndices, selectSubset } from '../data/subset';
import { deriveSeed } from '../domain/random';
import type { TrainConfig } from '../domain/api';
import { buildSet, disposeSet, type TensorSet } from './tensor-sets';

/** The tensors of one run, uploaded once. */
export interface LoopData {
  train: TensorSet;
  trainEval: TensorSet;
  testEval: TensorSet;
  /** Indices into the training split of the run's training subset. */
  subset: Int32Array;
  /** Training labels as trained on (after label noise), aligned with `subset`. */
  labels: Int32Array;
  /** Seed of the fixed metric samples (`trainEval`, `testEval`), for `evalIndices`. */
  evalSeed: number;
  stepsPerEpoch: number;
  /** Fraction of the subset's labels changed by label noise. */
  labelsChanged: number;
}

/** Uploads the examples `indices` of the training split with the given labels (aligned). */
export function labelledSet(
  split: DatasetSplit,
  indices: Int32Array,
  labels: Int32Array,
): TensorSet {
  const n = indices.length;
  const shape = exampleShape(split);
  const size = shape[0] * shape[1] * shape[2];
  return {
    x: tf.tensor4d(gatherImages(split.images, indices, size), [n, ...shape], 'float32'),
    y: tf.tensor1d(labels, 'int32'),
  };
}

/** What a run trains on: its seeded subset and the labels it sees (after label noise). */
export interface TrainingLabels {
  /** Indices into the training split. */
  subset: Int32Array;
  /** Labels as trained on, aligned with `subset`. */
  labels: Int32Array;
  /** How many of them label noise changed. */
  changed: number;
}

/**
 * The subset and trained-on labels of a run of `config`: both are seeded, so a restored or
 * imported run gets exactly the labels it trained on without storing them.
 */
export function trainingLabels(config: TrainConfig, dataset: Dataset): TrainingLabels {
  const subset = selectSubset(
    dataset.train.labels,
    config.subset,
    deriveSeed(config.seed, 'subset'),
    dataset.classes.length,
  );
  const clean = Int32Array.from(subset, (i) => dataset.train.labels[i]!);
  const noisy = applyLabelNoise(
    clean,
    config.flat?.labelNoise ?? 0,
    dataset.classes.length,
    deriveSeed(config.seed, 'noise'),
  );
  return { subset, labels: noisy.labels, changed: noisy.changed };
}

/** Seed of a run's fixed metric samples; landscapes evaluate on the same samples. */
export const metricSeed = (config: Pick<TrainConfig, 'seed'>) => deriveSeed(config.seed, 'eval');

/**
 * Seeded training subset (with label noise if asked) and fixed evaluation samples of train and
 * test. Train metrics use the labels the model is trained on.
 */
export function prepareData(config: TrainConfig, dataset: Dataset): LoopData {
  const { subset, labels, changed } = trainingLabels(config, dataset);
  if (subset.length < config.batchSize) {
    throw new Error(
      `The batch size (${config.batchSize}) is larger than the training subset (${subset.length}).`,
    );
  }
  const evalSeed = metricSeed(config);
  const trainEvalPos = evalIndices(subset.length, config.evalSamples, evalSeed);
  const testEvalIdx = evalIndices(dataset.test.count, config.evalSamples, evalSeed);
  return {
    train: labelledSet(dataset.train, subset, labels),
    trainEval: labelledSet(
      dataset.train,
      trainEvalPos.map((p) => subset[p]!),
      trainEvalPos.map((p) => labels[p]!),
    ),
    testEval: buildSet(dataset.test, testEvalIdx),
    subset,
    labels,
    evalSeed,
    // Drop the last partial batch: constant shapes let the backend reuse kernels and buffers.
    stepsPerEpoch: Math.floor(subset.length / config.batchSize),
    labelsChanged: changed / subset.length,
  };
}

export function disposeLoopData(data: LoopData): void {
  [data.train, data.trainEval, data.testEval].forEach(disposeSet);
}
