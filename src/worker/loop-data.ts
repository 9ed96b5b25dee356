import * as tf from '@tensorflow/tfjs';
import { gatherImages } from '../data/batch';
import { applyLabelNoise } from '../data/label-noise';
import type { Dataset } from '../data/load';
import { evalIndices, selectSubset } from '../data/subset';
import { deriveSeed } from '../engine/random';
import type { TrainConfig } from './api';
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
  stepsPerEpoch: number;
  /** Fraction of the subset's labels changed by label noise. */
  labelsChanged: number;
}

function labelledSet(images: Uint8Array, indices: Int32Array, labels: Int32Array): TensorSet {
  const n = indices.length;
  return {
    x: tf.tensor4d(gatherImages(images, indices), [n, 28, 28, 1], 'float32'),
    y: tf.tensor1d(labels, 'int32'),
  };
}

/**
 * Seeded training subset (with label noise if asked) and fixed evaluation samples of train and
 * test. Train metrics use the labels the model is trained on.
 */
export function prepareData(config: TrainConfig, dataset: Dataset, labelNoise: number): LoopData {
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
  const clean = Int32Array.from(subset, (i) => dataset.train.labels[i]!);
  const noisy = applyLabelNoise(
    clean,
    labelNoise,
    dataset.classes.length,
    deriveSeed(config.seed, 'noise'),
  );
  const evalSeed = deriveSeed(config.seed, 'eval');
  const trainEvalPos = evalIndices(subset.length, config.evalSamples, evalSeed);
  const testEvalIdx = evalIndices(dataset.test.count, config.evalSamples, evalSeed);
  return {
    train: labelledSet(dataset.train.images, subset, noisy.labels),
    trainEval: labelledSet(
      dataset.train.images,
      trainEvalPos.map((p) => subset[p]!),
      trainEvalPos.map((p) => noisy.labels[p]!),
    ),
    testEval: buildSet(dataset.test, testEvalIdx),
    subset,
    labels: noisy.labels,
    // Drop the last partial batch: constant shapes let the backend reuse kernels and buffers.
    stepsPerEpoch: Math.floor(subset.length / config.batchSize),
    labelsChanged: noisy.changed / subset.length,
  };
}

export function disposeLoopData(data: LoopData): void {
  [data.train, data.trainEval, data.testEval].forEach(disposeSet);
}
