/**
 * The training configuration as a valibot schema, with the ranges of the settings schema (`RANGES`). Files, saved runs
 * and headless experiments are checked here. `parseTrainConfig` is the one entry point so that
 * the app-wide settings schema can replace it later without touching its callers.
 */
import * as v from 'valibot';
import type { TrainConfig } from '../domain/api';
import { TOY_DATASETS } from '../domain/toy-data';
import {
  customModelRule,
  ImportedDataSchema,
  importedProblem,
  LayersSchema,
  RANGES,
  samMProblem,
  type NumberSpec,
} from '../schema';

function ranged(spec: NumberSpec) {
  const base = v.pipe(v.number(), v.finite(), v.minValue(spec.min), v.maxValue(spec.max));
  return spec.integer ? v.pipe(base, v.integer()) : base;
}

const FlatSchema = v.partial(
  v.strictObject({
    base: v.picklist(['sgd', 'adam']),
    rho: ranged(RANGES.rho),
    // 0 is the whole batch (SAM); absent in runs saved before m-SAM.
    m: v.union([v.literal(0), ranged(RANGES.samM)]),
    adaptive: v.boolean(),
    samP: v.picklist(['2', 'inf']),
    secondOrder: v.boolean(),
    // 0 is off.
    cosineEvery: v.union([v.literal(0), ranged(RANGES.cosineEvery)]),
    swaStart: ranged(RANGES.swaStart),
    // 0 means once per epoch (see FlatMinimaSettings.swaEvery).
    swaEvery: ranged({ ...RANGES.swaEvery, min: 0 }),
    swaLr: ranged(RANGES.swaLr),
    schedule: v.picklist([
      'constant',
      'cosine',
      'step',
      'cyclical',
      'swa_linear',
      'swalr',
      'sgd_baseline',
      'fge',
    ]),
    stepSize: ranged(RANGES.stepSize),
    gamma: ranged(RANGES.gamma),
    cycle: ranged(RANGES.cycle),
    annealEpochs: ranged(RANGES.annealEpochs),
    labelNoise: ranged(RANGES.labelNoise),
  }),
);

/** How a toy dataset's points were generated (absent in image runs and older files). */
const ToySchema = v.partial(
  v.strictObject({
    trainSize: ranged(RANGES.toySize),
    testSize: ranged(RANGES.toySize),
    noise: ranged(RANGES.toyNoise),
    classes: ranged(RANGES.toyClasses),
    seed: ranged(RANGES.seed),
  }),
);

/** A TrainConfig with every value in its range and no unknown key. */
export const TrainConfigSchema = v.strictObject({
  dataset: v.picklist(['mnist', 'fashion-mnist', ...TOY_DATASETS, 'imported']),
  // 0 is the whole training set.
  subset: v.union([v.literal(0), ranged(RANGES.subset)]),
  model: v.picklist(['mlp', 'tiny-cnn', 'lenet5', 'bn-cnn', 'custom']),
  // The model builder's layers (model 'custom'); absent in runs of built-in models.
  layers: v.optional(LayersSchema),
  optimizer: v.picklist(['sgd', 'adam', 'sam', 'swa', 'wasam', 'fge']),
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
  toy: v.optional(ToySchema),
  // Dataset 'imported': which one (its data stays in the browser that imported it).
  imported: v.optional(ImportedDataSchema),
});

/**
 * A custom model's layers must fit its data (the settings' rule, which names the layer); imported
 * data must say which dataset it is.
 */
const CheckedTrainConfig = v.pipe(
  TrainConfigSchema,
  v.check(
    (c) => importedProblem(c) === null,
    (i) => `imported: ${importedProblem(i.input as Parameters<typeof importedProblem>[0])}`,
  ),
  v.check(
    (c) => customModelRule(c) === null,
    (i) => {
      const c = i.input as Parameters<typeof customModelRule>[0];
      return `layers: ${customModelRule(c)}`;
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
  const mProblem = samMProblem(result.output.flat?.m, result.output.batchSize);
  if (mProblem) throw new Error(`Invalid training config: flat.m: ${mProblem}`);
  return result.output as TrainConfig;
}
