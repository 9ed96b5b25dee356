import type { Dataset } from '../../data/load';
import type {
  FlatlandWorkerApi,
  InterpolationConfig,
  LandscapeConfig,
  TrainConfig,
  TrainSummary,
  WeightsRef,
} from '../../domain/api';
import { createWorkerApi } from '../service';
import { syntheticDataset } from './synthetic';

/**
 * The tiny run the worker tests train: three steps of SGD with momentum on 60 synthetic images
 * with the tiny CNN, small enough for every test to train its own on the CPU backend.
 *
 * Tests pass the values their assertions rest on (the seed, what sets a step count, the model…)
 * to {@link tinyConfig} even where they equal these, so a test reads as the run it checks and the
 * base only supplies what no assertion looks at. Changing a value here still changes the runs of
 * every test that leaves it out: run them all after such a change.
 */
export const TINY_CONFIG: Readonly<TrainConfig> = {
  dataset: 'mnist',
  subset: 60,
  model: 'tiny-cnn',
  optimizer: 'sgd',
  lr: 0.1,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 20,
  epochs: 1,
  seed: 3,
  evalSamples: 20,
};

/**
 * {@link TINY_CONFIG} with `overrides` on top: a fresh object each call, so a test may spread or
 * change it freely.
 */
export function tinyConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return { ...TINY_CONFIG, ...overrides };
}

/** What {@link createWorkerApi} loads a dataset with; the tests' loaders ignore the id. */
export type DatasetLoader = () => Promise<Dataset>;

/**
 * A loader for {@link createWorkerApi} that builds a fresh {@link syntheticDataset} with `train`
 * and `test` images on every load, as the worker would fetch the real one (Node has no app origin).
 * The defaults (100 and 20 images) hold the base subset of 60 with room to spare.
 */
export function syntheticLoader(train = 100, test = 20): DatasetLoader {
  return async () => syntheticDataset(train, test);
}

/** A worker API with one finished tiny run, as {@link trainedApi} returns it. */
export interface TrainedApi {
  api: FlatlandWorkerApi;
  /** The run's id in `api.listRuns()`; its weights are the ones the API explores. */
  runId: string;
  summary: TrainSummary;
  /** The config the run trained with: {@link TINY_CONFIG} with the overrides. */
  config: TrainConfig;
}

/**
 * Creates a worker API on `loader` and trains one run of {@link tinyConfig}(`overrides`) on it,
 * ignoring its events: the setup of every test that explores a trained model.
 */
export async function trainedApi(
  overrides: Partial<TrainConfig> = {},
  loader: DatasetLoader = syntheticLoader(),
): Promise<TrainedApi> {
  const api = createWorkerApi(loader);
  const config = tinyConfig(overrides);
  const summary = await api.train(config, () => undefined);
  // The worker registers every run it trains; without an id the test's next call would fail
  // further on and less clearly.
  if (summary.runId === undefined) throw new Error('the tiny run was not registered');
  return { api, runId: summary.runId, summary, config };
}

/**
 * A small landscape (a 5-point slice and a 3×3 grid over [−1, 1], 20 samples, seed 1) with
 * `overrides` on top; tests pass the values their assertions rest on, as with {@link tinyConfig}.
 */
export function tinyLandscape(overrides: Partial<LandscapeConfig> = {}): LandscapeConfig {
  const base = { slicePoints: 5, sliceRange: 1, gridSize: 3, gridRange: 1 };
  return { ...base, evalSamples: 20, seed: 1, ...overrides };
}

/** θ(α) from `a` (α = 0) to `b` (α = 1) at two points on 40 samples, with `overrides` on top. */
export function thetaConfig(
  a: WeightsRef,
  b: WeightsRef,
  overrides: Partial<InterpolationConfig> = {},
): InterpolationConfig {
  return { a, b, points: 2, from: 0, to: 1, evalSamples: 40, seed: 1, ...overrides };
}

/** The summary of a finished one-step run without metrics, for the runs a test imports. */
export function oneStepSummary(): TrainSummary {
  return { status: 'finished', steps: 1, epochs: 1, elapsedMs: 1, stepsPerSecond: 1, final: null };
}
