import { DEFAULT_SETTINGS } from '../../src/schema';
import type { TrainConfig } from '../../src/domain/api';
import { RunControl } from '../../src/worker/run-control';
import { TRACKING_MAX_ITER, TRACKING_SAMPLES } from '../../src/worker/sharpness-tracking';
import { syntheticDataset } from '../../src/worker/testing/synthetic';
import { disposeTrainedModel, runTraining } from '../../src/worker/train-loop';
import { interleaved, round, summarize, type RoundPlan } from './stats';

/** Sizes of the tracking overhead: each timed block is one whole run of `epochs` epochs. */
export interface TrackingSizes extends RoundPlan {
  epochs: number;
}

/** The app's default run (tiny-cnn, 2,000 images, batch 64, SGD with momentum) with `every`. */
function defaultConfig(epochs: number, every: number): TrainConfig {
  const train: TrainConfig = { ...DEFAULT_SETTINGS.train };
  delete train.flat;
  return { ...train, epochs, sharpnessEvery: every };
}

/**
 * Milliseconds per training step of the worker's own loop (epoch-end evaluation included) with
 * sharpness tracking at the default k and with it off (k = 0), from the same seed, in
 * interleaved rounds; the overhead is the median of the per-round differences.
 */
export async function trackingOverhead(sizes: TrackingSizes) {
  const every = DEFAULT_SETTINGS.train.sharpnessEvery;
  const base = defaultConfig(sizes.epochs, 0);
  const dataset = syntheticDataset(base.subset, base.evalSamples);
  const run = (k: number) => async () => {
    const config = { ...base, sharpnessEvery: k };
    const hooks = { control: new RunControl(), emit: () => undefined };
    const { summary, model } = await runTraining(config, dataset, hooks);
    disposeTrainedModel(model);
    return summary.elapsedMs / summary.steps;
  };
  const r = await interleaved({ off: run(0), tracked: run(every) }, sizes);
  const diffs = r.samples.tracked.map((v, i) => v - r.samples.off[i]!);
  const ratios = r.samples.tracked.map((v, i) => v / r.samples.off[i]!);
  const steps = Math.floor(base.subset / base.batchSize) * sizes.epochs;
  return {
    model: base.model,
    subset: base.subset,
    batch: base.batchSize,
    steps,
    every,
    measurements: Math.floor(steps / every) + 1,
    samples: TRACKING_SAMPLES,
    maxIter: TRACKING_MAX_ITER,
    rounds: r.rounds,
    ...(r.stoppedEarly ? { stoppedEarly: r.stoppedEarly } : {}),
    msPerStepOff: r.summaries.off,
    msPerStepTracked: r.summaries.tracked,
    overheadMsPerStep: summarize(diffs),
    trackedOverOff: round(summarize(ratios).median),
  };
}
