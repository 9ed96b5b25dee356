import { evalIndices } from '../data/subset';
import { sharpnessReport, type SharpnessReport } from '../engine/landscape/sharpness-report';
import { deriveSeed } from '../domain/random';
import * as tf from '@tensorflow/tfjs';
import { modelObjective, type LossFn } from '../engine/tangent/hvp';
import type { ModelSpec, ModelState } from '../engine/types';
import type { SharpnessConfig, SharpnessProgress } from '../domain/api';
import { labelledSet } from './loop-data';
import type { RunStore } from './runs';
import { buildSet, disposeSet } from './tensor-sets';

/** Default m of the m-sharpness when a request leaves it out: the settings schema's. */
const DEFAULT_M = 50;

/**
 * The m-sharpness's k = ⌊n/m⌋ disjoint sets: consecutive rows of the (seeded, shuffled) sample,
 * each with its own eval-mode loss; `dispose` frees the slices.
 */
function mSets(
  spec: ModelSpec,
  state: ModelState,
  set: { x: tf.Tensor4D; y: tf.Tensor1D },
  m: number,
) {
  const k = Math.floor(set.x.shape[0] / m);
  if (k < 1) throw new Error(`m-sharpness: m = ${m} exceeds the ${set.x.shape[0]} samples`);
  const xs = tf.tidy(() => tf.split(tf.slice(set.x, 0, k * m), k)) as tf.Tensor4D[];
  const ys = tf.tidy(() => tf.split(tf.slice(set.y, 0, k * m), k)) as tf.Tensor1D[];
  const losses: LossFn[] = xs.map((x, j) => modelObjective(spec, state, x, ys[j]!).loss);
  return { m, losses, dispose: () => tf.dispose([...xs, ...ys]) };
}

/**
 * Sharpness numbers of one run's weights on a fixed, seeded training sample, in eval mode (the
 * stored BatchNorm statistics, so the loss is a deterministic function of the weights). The
 * sample carries the labels the run trained on (label noise included), so the Hessian is that of
 * the loss it minimised, unless `config.labels` asks for the clean ones.
 */
export async function measureSharpness(
  runs: RunStore,
  config: SharpnessConfig,
  onProgress: (p: SharpnessProgress) => void,
  isCancelled: () => boolean,
): Promise<SharpnessReport> {
  const target = runs.weights(config.weights);
  const { model, dataset, params, state } = target;
  const idx = evalIndices(
    model.subset.length,
    config.samples,
    deriveSeed(config.seed, 'sharpness'),
  );
  const at = idx.map((i) => model.subset[i]!);
  const set =
    config.labels === 'clean'
      ? buildSet(dataset.train, at)
      : labelledSet(
          dataset.train,
          at,
          idx.map((i) => model.labels[i]!),
        );
  // Asked for by name it must fit; among "all measures" it runs where one set of m fits.
  const m = config.m ?? DEFAULT_M;
  const wantsM = config.stages ? config.stages.includes('mSharpness') : m <= idx.length;
  let sets: ReturnType<typeof mSets> | null = null;
  try {
    if (wantsM) sets = mSets(model.spec, state, set, m);
    const objective = modelObjective(model.spec, state, set.x, set.y);
    return await sharpnessReport(objective, params, {
      seed: config.seed,
      rho: config.rho,
      adaptiveRho: config.adaptiveRho,
      ...(config.stages ? { stages: config.stages } : {}),
      ...(sets ? { mSets: { m: sets.m, losses: sets.losses } } : {}),
      ...(config.powerIterations ? { eigen: { maxIter: config.powerIterations } } : {}),
      ...(config.traceProbes ? { trace: { samples: config.traceProbes } } : {}),
      onProgress,
      isCancelled,
    });
  } finally {
    sets?.dispose();
    disposeSet(set);
  }
}
