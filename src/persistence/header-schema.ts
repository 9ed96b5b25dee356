/** valibot schema of a run file's JSON header (see `format.ts` for the whole layout). */
import * as v from 'valibot';
import { TrainConfigSchema } from './train-config-schema';

const num = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
// Landscape and interpolation values may be non-finite where the loss diverged; JSON writes null.
const values = v.array(v.nullable(v.number()));

const Metrics = v.object({ trainLoss: num, trainAcc: num, testLoss: num, testAcc: num });
const Averaged = v.object({ ...Metrics.entries, nAveraged: count });

const Summary = v.object({
  runId: v.optional(v.string()),
  status: v.picklist(['finished', 'stopped']),
  steps: count,
  epochs: count,
  elapsedMs: num,
  stepsPerSecond: num,
  final: v.nullable(Metrics),
  averaged: v.optional(Averaged),
});

const Event = v.variant('kind', [
  v.object({
    kind: v.literal('plan'),
    totalSteps: count,
    stepsPerEpoch: count,
    swaStartStep: v.optional(count),
    labelsChanged: num,
  }),
  v.object({
    kind: v.literal('step'),
    step: count,
    epoch: count,
    loss: num,
    lr: num,
    totalSteps: count,
    elapsedMs: num,
  }),
  v.object({
    kind: v.literal('epoch'),
    epoch: count,
    step: count,
    ...Metrics.entries,
    averaged: v.optional(Averaged),
  }),
  // Sharpness tracking (absent from files saved before it existed, which load as they were).
  v.object({
    kind: v.literal('sharpness'),
    step: count,
    epoch: count,
    lambdaMax: num,
    lr: num,
    momentum: v.nullable(num),
    iterations: count,
  }),
  // SAM update cosine (Foret et al. Fig. 5); absent from files saved before it.
  v.object({
    kind: v.literal('samCosine'),
    step: count,
    epoch: count,
    cosine: num,
    p: v.picklist(['2', 'inf']),
    secondOrder: v.boolean(),
  }),
]);

const Slice = v.object({
  t: v.array(num),
  trainLoss: values,
  testLoss: values,
  trainAcc: values,
  testAcc: values,
});

const Grid = v.looseObject({
  a: v.array(num),
  b: v.array(num),
  trainLoss: v.array(values),
  testLoss: v.array(values),
  trainAcc: v.array(values),
  testAcc: v.array(values),
  elapsedMs: num,
});

const Results = v.object({
  landscape: v.optional(
    v.object({ config: v.looseObject({}), slice: v.nullable(Slice), grid: v.nullable(Grid) }),
  ),
  // Shown as computed; their shapes are the app's own and checked where they are drawn.
  interpolation: v.optional(v.looseObject({ result: v.looseObject({ alpha: v.array(num) }) })),
  sharpness: v.optional(v.array(v.looseObject({ report: v.looseObject({}) }))),
});

const Info = v.object({
  id: v.pipe(v.string(), v.maxLength(100)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  color: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i)),
  config: TrainConfigSchema,
  summary: Summary,
  hasAverage: v.boolean(),
  checkpoints: count,
});

/** How many floats of the binary section belong to a run, in order (see `format.ts`). */
const Weights = v.object({
  // 0 for an imported model (trained elsewhere: no training history).
  checkpoints: count,
  params: count,
  state: count,
  nAveraged: v.optional(v.pipe(count, v.minValue(1))),
});

/** One run of the header: what SavedRun holds, and the sizes of its weight sections. */
export const RunHeaderSchema = v.object({
  info: Info,
  events: v.array(Event),
  results: Results,
  savedAt: num,
  weights: Weights,
});

/** The whole header: what the file holds and when it was exported. */
export const FileHeaderSchema = v.object({
  format: v.literal('flatland-run'),
  kind: v.picklist(['run', 'workspace']),
  exportedAt: v.string(),
  runs: v.pipe(v.array(RunHeaderSchema), v.minLength(1)),
});

/** A run of a header that passed `RunHeaderSchema`. */
export type RunHeader = v.InferOutput<typeof RunHeaderSchema>;
/** A header that passed `FileHeaderSchema`. */
export type FileHeader = v.InferOutput<typeof FileHeaderSchema>;
