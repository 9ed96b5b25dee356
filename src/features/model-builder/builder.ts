/**
 * The model builder's edits and its table, as pure functions of the layer list (the layers before
 * the classifier, as `TrainConfig.layers` holds them). The shapes and counts are the domain's
 * (`activationShapes`, `paramShapes`), so the table shows what the engine will build.
 */
import type { LayerSpec, ResidualSpec } from '../../domain/model';
import { activationShapes, countScalars, paramShapes, type ModelSpec } from '../../domain/model';
import { modelSpecFor } from '../../domain/model-zoo';
import { LAYER_RANGES } from '../../schema';

/** Every dataset's samples: 28 × 28 × 1 images of ten classes (see `customModelRule`). */
export const BUILDER_INPUT: [number, number, number] = [28, 28, 1];
export const BUILDER_CLASSES = 10;

export type LayerType = LayerSpec['type'];

/** The layer types a user can add, with their names in the builder. */
export const LAYER_TYPES: readonly { value: LayerType; label: string }[] = [
  { value: 'conv2d', label: 'Conv 2D' },
  { value: 'residual', label: 'Residual block' },
  { value: 'batchnorm', label: 'BatchNorm' },
  { value: 'relu', label: 'ReLU' },
  { value: 'tanh', label: 'tanh' },
  { value: 'gelu', label: 'GELU' },
  { value: 'maxpool', label: 'Max pool' },
  { value: 'avgpool', label: 'Average pool' },
  { value: 'flatten', label: 'Flatten' },
  { value: 'dense', label: 'Dense' },
];

// torch.nn.BatchNorm2d defaults, so numbers match a PyTorch re-implementation.
const BN = { eps: 1e-5, momentum: 0.1 };

/** A new layer of `type` with the builder's starting settings. */
export function newLayer(type: LayerType): LayerSpec {
  switch (type) {
    case 'conv2d':
      return { type, filters: 8, kernel: 3, padding: 'same', bias: true };
    case 'dense':
      return { type, units: 32, bias: true };
    case 'maxpool':
    case 'avgpool':
      return { type, size: 2 };
    case 'batchnorm':
      return { type, ...BN };
    case 'residual':
      return { type, filters: 8, kernel: 3, skip: 'identity', ...BN };
    default:
      return { type };
  }
}

const clampWidth = (n: number, r: { min: number; max: number }) =>
  Math.min(r.max, Math.max(r.min, Math.round(n)));

/** Every conv, residual block and dense layer `factor` times as wide (filters, units). */
export function scaleWidth(layers: readonly LayerSpec[], factor: number): LayerSpec[] {
  return layers.map((l) => {
    if (l.type === 'conv2d' || l.type === 'residual') {
      return { ...l, filters: clampWidth(l.filters * factor, LAYER_RANGES.filters) };
    }
    if (l.type === 'dense')
      return { ...l, units: clampWidth(l.units * factor, LAYER_RANGES.units) };
    return l;
  });
}

/**
 * One residual block more: a copy of the last block with an identity skip (its input has the
 * block's channels), right after it; without a block, one after the last conv or block-free
 * image layer, as wide as the channels there.
 */
export function deeper(layers: readonly LayerSpec[]): LayerSpec[] {
  const last = layers.findLastIndex((l) => l.type === 'residual');
  if (last >= 0) {
    const block = layers[last] as ResidualSpec;
    const copy: LayerSpec = { ...block, skip: block.skip === 'none' ? 'none' : 'identity' };
    return [...layers.slice(0, last + 1), copy, ...layers.slice(last + 1)];
  }
  const flat = layers.findIndex((l) => l.type === 'flatten' || l.type === 'dense');
  const at = flat < 0 ? layers.length : flat;
  const shapes = safeShapes(layers.slice(0, at));
  const c = shapes?.at(-1)?.[2] ?? 8;
  const block: ResidualSpec = { ...(newLayer('residual') as ResidualSpec), filters: c };
  return [...layers.slice(0, at), block, ...layers.slice(at)];
}

/** One residual block less (the last one); unchanged when there is none. */
export function shallower(layers: readonly LayerSpec[]): LayerSpec[] {
  const last = layers.findLastIndex((l) => l.type === 'residual');
  return last < 0 ? [...layers] : layers.filter((_, i) => i !== last);
}

function safeShapes(layers: readonly LayerSpec[]): number[][] | null {
  try {
    return activationShapes({ input: BUILDER_INPUT, layers: [...layers] });
  } catch {
    return null;
  }
}

/** The shapes up to (not including) the first layer that fails. */
function shapesBefore(spec: ModelSpec): number[][] {
  let ok: number[][] = [[...spec.input]];
  for (let k = 1; k <= spec.layers.length; k++) {
    const shapes = safeShapes(spec.layers.slice(0, k));
    if (!shapes) break;
    ok = shapes;
  }
  return ok;
}

/** One row of the builder's table. */
export interface TableRow {
  /** Index in the full model (the classifier's rows follow the user's layers). */
  index: number;
  layer: LayerSpec;
  /** Added by the builder (the classifier), not editable. */
  classifier: boolean;
  /** Output shape without the batch axis, or null from the first layer that fails on. */
  shape: number[] | null;
  params: number;
}

/** The table: every layer of the model the run will train, its output shape and parameters. */
export function builderTable(layers: readonly LayerSpec[]): {
  rows: TableRow[];
  total: number | null;
  problem: string | null;
} {
  const spec: ModelSpec = modelSpecFor(
    { model: 'custom', layers: [...layers] },
    BUILDER_INPUT,
    BUILDER_CLASSES,
  );
  let problem: string | null = null;
  let shapes: number[][] = [];
  let counts: number[] = [];
  try {
    shapes = activationShapes(spec);
    const params = paramShapes(spec);
    counts = spec.layers.map((_, i) => countScalars(params.filter((p) => p.layer === i)));
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
    shapes = shapesBefore(spec);
  }
  const rows = spec.layers.map((layer, i) => ({
    index: i,
    layer,
    classifier: i >= layers.length,
    shape: shapes[i + 1] ?? null,
    params: counts[i] ?? 0,
  }));
  return { rows, total: problem ? null : counts.reduce((a, b) => a + b, 0), problem };
}
