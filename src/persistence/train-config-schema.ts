/**
 * The training configuration as a valibot schema, with the ranges of `LIMITS`. Files, saved runs
 * and headless experiments are checked here. `parseTrainConfig` is the one entry point so that
 * the app-wide settings schema can replace it later without touching its callers.
 */
import * as v from 'valibot';
import { LIMITS, type NumberSpec } from '../store/limits';
import type { TrainConfig } from '../domain/api';

function ranged(spec: NumberSpec) {
  const base = v.pipe(v.number(), v.finite(), v.minValue(spec.min), v.maxValue(spec.max));
  return spec.integer ? v.pipe(base, v.integer()) : base;
}

const FlatSchema = v.partial(
  v.strictObject({
    base: v.picklist(['sgd', 'adam']),
    rho: ranged(LIMITS.rho),
    adaptive: v.boolean(),
    swaStart: ranged(LIMITS.swaStart),
    // 0 means once per epoch (see FlatMinimaSettings.swaEvery).
    swaEvery: ranged({ ...LIMITS.swaEvery, min: 0 }),
    swaLr: ranged(LIMITS.swaLr),
    schedule: v.picklist(['constant', 'cosine', 'step', 'cyclical', 'swa_linear', 'swalr']),
    stepSize: ranged(LIMITS.stepSize),
    gamma: ranged(LIMITS.gamma),
    cycle: ranged(LIMITS.cycle),
    annealEpochs: ranged(LIMITS.annealEpochs),
    labelNoise: ranged(LIMITS.labelNoise),
  }),
);

export const TrainConfigSchema = v.strictObject({
  dataset: v.picklist(['mnist', 'fashion-mnist']),
  // 0 is the whole training set.
  subset: v.union([v.literal(0), ranged(LIMITS.subset)]),
  model: v.picklist(['mlp', 'tiny-cnn', 'lenet5', 'bn-cnn']),
  optimizer: v.picklist(['sgd', 'adam', 'sam', 'swa', 'wasam']),
  lr: ranged(LIMITS.lr),
  momentum: ranged(LIMITS.momentum),
  weightDecay: ranged(LIMITS.weightDecay),
  batchSize: ranged(LIMITS.batchSize),
  epochs: ranged(LIMITS.epochs),
  seed: ranged(LIMITS.seed),
  evalSamples: ranged(LIMITS.evalSamples),
  // 0 is off; absent in runs saved before sharpness tracking.
  sharpnessEvery: v.optional(v.union([v.literal(0), ranged(LIMITS.sharpnessEvery)])),
  flat: v.optional(FlatSchema),
});

/** "epochs: Invalid value: …" lines for every problem, for error messages. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`)
    .join('; ');
}

/** A checked TrainConfig; throws with every problem listed. */
export function parseTrainConfig(value: unknown): TrainConfig {
  const result = v.safeParse(TrainConfigSchema, value);
  if (!result.success) throw new Error(`Invalid training config: ${describeIssues(result.issues)}`);
  return result.output as TrainConfig;
}
