/**
 * The model builder's layers as a valibot schema: each layer's kind and its settings within the
 * ranges the builder offers. Whether the layers fit together (shapes, channels) is the domain's
 * `activationShapes` rule, applied to the whole model by the settings' cross rules.
 */
import * as v from 'valibot';
import type { LayerSpec } from '../domain/model';

const int = (min: number, max: number) =>
  v.pipe(
    v.number(),
    v.integer(`expected a whole number from ${min} to ${max}`),
    v.minValue(min, `expected a whole number from ${min} to ${max}`),
    v.maxValue(max, `expected a whole number from ${min} to ${max}`),
  );

/** The builder's ranges: as wide as a browser can train, no wider. */
export const LAYER_RANGES = {
  filters: { min: 1, max: 256 },
  kernel: { min: 1, max: 9 },
  units: { min: 1, max: 4096 },
  pool: { min: 1, max: 8 },
  layers: { min: 0, max: 64 },
} as const;

const R = LAYER_RANGES;
const bnFields = {
  eps: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  momentum: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
};

/** One layer of a custom model (see `LayerSpec` in src/domain/model.ts). */
export const LayerSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('conv2d'),
    filters: int(R.filters.min, R.filters.max),
    kernel: int(R.kernel.min, R.kernel.max),
    padding: v.picklist(['valid', 'same']),
    bias: v.boolean(),
  }),
  v.strictObject({
    type: v.literal('dense'),
    units: int(R.units.min, R.units.max),
    bias: v.boolean(),
  }),
  v.strictObject({ type: v.picklist(['relu', 'tanh', 'gelu', 'flatten']) }),
  v.strictObject({ type: v.picklist(['maxpool', 'avgpool']), size: int(R.pool.min, R.pool.max) }),
  v.strictObject({ type: v.literal('batchnorm'), ...bnFields }),
  v.strictObject({
    type: v.literal('residual'),
    filters: int(R.filters.min, R.filters.max),
    kernel: int(R.kernel.min, R.kernel.max),
    skip: v.picklist(['identity', 'projection', 'none']),
    ...bnFields,
  }),
]);

/** The layers of a custom model before its classifier. */
export const LayersSchema = v.pipe(
  v.array(LayerSchema, 'expected a list of layers'),
  v.maxLength(R.layers.max, `at most ${R.layers.max} layers`),
);

// Compile-time proof that every accepted list is a list of the engine's layers.
type Assignable<T, U extends T> = U;
export type LayersMatchDomain = Assignable<LayerSpec[], v.InferOutput<typeof LayersSchema>>;
