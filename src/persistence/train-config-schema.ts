/**
 * The training configuration as a valibot schema, with the ranges of the settings schema (`RANGES`). Files, saved runs
 * and headless experiments are checked here. `parseTrainConfig` is the one entry point so that
 * the app-wide settings schema can replace it later without touching its callers.
 */
import * as v from 'valibot';
import type { TrainConfig } from '../domain/api';
import type { LayerSpec } from '../domain/model';
import { customModelRule, LayersSchema, RANGES, type NumberSpec } from '../schema';

function ranged(spec: NumberSpec) {
  const base = v.pipe(v.number(), v.finite(), v.minValue(spec.min), v.maxValue(spec.max));
  return spec.integer ? v.pipe(base, v.integer()) : base;
}

const FlatSchema = v.partial(
  v.strictObject({
    base: v.picklist(['sgd', 'adam']),
    rho: ranged(RANGES.rho),
    adaptive: v.boolean(),
    swaStart: ranged(RANGES.swaStart),
    // 0 means once per epoch (see FlatMinimaSettings.swaEvery).
    swaEvery: ranged({ ...RANGES.swaEvery, min: 0 }),
    swaLr: ranged(RANGES.swaLr),
    schedule: v.picklist(['constant', 'cosine', 'step', 'cyclical', 'swa_linear', 'swalr']),
    stepSize: ranged(RANGES.stepSize),
    gamma: ranged(RANGES.gamma),
    cycle: ranged(RANGES.cycle),
    annealEpochs: ranged(RANGES.annealEpochs),
    labelNoise: ranged(RANGES.labelNoise),
  }),
);

/** A TrainConfig with every value in its range and no unknown key. */
export const TrainConfigSchema = v.strictObject({
  dataset: v.picklist(['mnist', 'fashion-mnist']),
  // 0 is the whole training set.
  subset: v.union([v.literal(0), ranged(RANGES.subset)]),
  model: v.picklist(['mlp', 'tiny-cnn', 'lenet5', 'bn-cnn', 'custom']),
  // The model builder's layers (model 'custom'); absent in runs of built-in models.
  layers: v.optional(LayersSchema),
  optimizer: v.picklist(['sgd', 'adam', 'sam', 'swa', 'wasam']),
  lr: ranged(RANGES.lr),
  momentum: ranged(RANGES.momentum),
  weightDecay: ranged(RANGES.weightDecay),
  batchSize: ranged(RANGES.batchSize),
  epochs: ranged(RANGES.epochs),
  seed: ranged(RANGES.seed),
  evalSamples: ranged(RANGES.evalSamples),
  // 0 is off; absent in runs saved before sharpness tracking.
  sharpnessEvery: v.optional(v.union([v.literal(0), ranged(RANGES.sharpnessEvery)])),
  flat: v.optional(FlatSchema),
});

/** A custom model's layers must fit its data (the settings' rule, which names the layer). */
const CheckedTrainConfig = v.pipe(
  TrainConfigSchema,
  v.check(
    (c) => customModelRule(c.model, c.layers) === null,
    (i) => {
      const c = i.input as { model: string; layers?: LayerSpec[] };
      return `layers: ${customModelRule(c.model, c.layers)}`;
    },
  ),
);

/** "epochs: Invalid value: …" lines for every problem, for error messages. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`)
    .join('; ');
}

/** A checked TrainConfig; throws with every problem listed. */
export function parseTrainConfig(value: unknown): TrainConfig {
  const result = v.safeParse(CheckedTrainConfig, value);
  if (!result.success) throw new Error(`Invalid training config: ${describeIssues(result.issues)}`);
  return result.output as TrainConfig;
}
