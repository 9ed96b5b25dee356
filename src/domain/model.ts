/**
 * A model as plain data: its layers, the shapes of its tensors and their counts. TF-free, so the
 * engine builds on it and a saved file's weights are checked against it without loading TF.js.
 */

/** One layer of a model spec (format of the PyTorch reference fixtures). Stride is 1 for conv2d. */
export type LayerSpec =
  | { type: 'conv2d'; filters: number; kernel: number; padding: 'valid' | 'same'; bias: boolean }
  | { type: 'relu' }
  | { type: 'maxpool'; size: number }
  | { type: 'batchnorm'; eps: number; momentum: number }
  | { type: 'flatten' }
  | { type: 'dense'; units: number; bias: boolean };

/** A model: input shape [H, W, C] (NHWC without the batch axis) and its layers in order. */
export interface ModelSpec {
  input: [number, number, number];
  layers: LayerSpec[];
}

/** Which role a trainable tensor plays; decides its initialiser and landscape normalisation. */
export type ParamKind = 'kernel' | 'bias' | 'gamma' | 'beta';

/** Name, shape and role of one trainable tensor, e.g. `layer0/kernel` [3, 3, 1, 8]. */
export interface ParamInfo {
  name: string;
  shape: number[];
  kind: ParamKind;
  /** Index of the owning layer in `spec.layers`. */
  layer: number;
}

/** Name and shape of one non-trainable tensor (BatchNorm moving statistics, shape [C]). */
export interface StateInfo {
  name: string;
  shape: number[];
  kind: 'moving_mean' | 'moving_variance';
  layer: number;
}

/** Shape of the activation flowing between layers, without the batch axis: [H, W, C] or [F]. */
type ActShape = number[];

/** Output shape of one layer given its input shape (stride 1 conv; pool stride = size, valid). */
function nextShape(spec: ModelSpec['layers'][number], s: ActShape): ActShape {
  switch (spec.type) {
    case 'conv2d': {
      const [h, w] = s as [number, number, number];
      const shrink = spec.padding === 'valid' ? spec.kernel - 1 : 0;
      return [h - shrink, w - shrink, spec.filters];
    }
    case 'maxpool': {
      const [h, w, c] = s as [number, number, number];
      return [Math.floor(h / spec.size), Math.floor(w / spec.size), c];
    }
    case 'flatten':
      return [s.reduce((a, b) => a * b, 1)];
    case 'dense':
      return [spec.units];
    default:
      return s;
  }
}

/**
 * Activation shapes before each layer (index i = input of layer i; the last entry is the output).
 * Throws if a layer gets an input of the wrong rank, so bad specs fail before any tensor work.
 */
export function activationShapes(spec: ModelSpec): ActShape[] {
  const shapes: ActShape[] = [[...spec.input]];
  spec.layers.forEach((layer, i) => {
    const s = shapes[i]!;
    const needsImage = layer.type === 'conv2d' || layer.type === 'maxpool';
    if (needsImage && s.length !== 3)
      throw new Error(`layer${i} (${layer.type}) needs an [H, W, C] input`);
    if (layer.type === 'dense' && s.length !== 1)
      throw new Error(`layer${i} (dense) needs a flat input`);
    const out = nextShape(layer, s);
    if (out.some((d) => d <= 0)) throw new Error(`layer${i} (${layer.type}) gives an empty output`);
    shapes.push(out);
  });
  return shapes;
}

/**
 * Trainable tensors in canonical order (layer index, then kernel/bias or gamma/beta).
 * conv2d kernel [kh, kw, in, out], dense kernel [in, out], bias [out], gamma/beta [C].
 */
export function paramShapes(spec: ModelSpec): ParamInfo[] {
  const acts = activationShapes(spec);
  const out: ParamInfo[] = [];
  spec.layers.forEach((layer, i) => {
    const inShape = acts[i]!;
    const channels = inShape[inShape.length - 1]!;
    const p = (kind: ParamKind, shape: number[]) =>
      out.push({ name: `layer${i}/${kind}`, shape, kind, layer: i });
    if (layer.type === 'conv2d') {
      p('kernel', [layer.kernel, layer.kernel, channels, layer.filters]);
      if (layer.bias) p('bias', [layer.filters]);
    } else if (layer.type === 'dense') {
      p('kernel', [channels, layer.units]);
      if (layer.bias) p('bias', [layer.units]);
    } else if (layer.type === 'batchnorm') {
      p('gamma', [channels]);
      p('beta', [channels]);
    }
  });
  return out;
}

/** BatchNorm moving statistics in canonical order: `layer{i}/moving_mean`, `layer{i}/moving_variance`, each [C]. */
export function stateShapes(spec: ModelSpec): StateInfo[] {
  const acts = activationShapes(spec);
  const out: StateInfo[] = [];
  spec.layers.forEach((layer, i) => {
    if (layer.type !== 'batchnorm') return;
    const inShape = acts[i]!;
    const c = inShape[inShape.length - 1]!;
    out.push({ name: `layer${i}/moving_mean`, shape: [c], kind: 'moving_mean', layer: i });
    out.push({ name: `layer${i}/moving_variance`, shape: [c], kind: 'moving_variance', layer: i });
  });
  return out;
}

/** Scalars in a list of tensors (parameters or state). */
export function countScalars(list: readonly { shape: number[] }[]): number {
  return list.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
}

/** Total number of trainable scalars. */
export function countParams(spec: ModelSpec): number {
  return countScalars(paramShapes(spec));
}
