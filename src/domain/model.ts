/**
 * A model as plain data: its layers, the shapes of its tensors and their counts. TF-free, so the
 * engine builds on it and a saved file's weights are checked against it without loading TF.js.
 */

/**
 * The shortcut of a residual block: `identity` (He et al. 2016, input channels = filters),
 * `projection` (a 1×1 conv without bias + BatchNorm, torchvision's and Li et al.'s `downsample`,
 * for a change of channels) or `none` (the same block without its shortcut: Li et al. 2018's
 * "no-short" networks).
 */
export type SkipKind = 'identity' | 'projection' | 'none';

/**
 * A basic residual block (He et al. 2016, stride 1): conv(k×k, 'same', no bias) → BatchNorm →
 * ReLU → conv(k×k, 'same', no bias) → BatchNorm, plus the shortcut, then ReLU. Both BatchNorms
 * (and the projection's) use `eps` and `momentum`. Output [H, W, filters]; `kernel` is odd.
 */
export interface ResidualSpec {
  type: 'residual';
  filters: number;
  kernel: number;
  skip: SkipKind;
  eps: number;
  momentum: number;
}

/**
 * One layer of a model spec (format of the PyTorch reference fixtures). Stride is 1 for conv2d;
 * pools have stride = size, 'valid'. `gelu` is the exact erf GELU, x·Φ(x) (PyTorch's default
 * `nn.GELU()`), not the tanh approximation.
 */
export type LayerSpec =
  | { type: 'conv2d'; filters: number; kernel: number; padding: 'valid' | 'same'; bias: boolean }
  | { type: 'relu' }
  | { type: 'tanh' }
  | { type: 'gelu' }
  | { type: 'maxpool'; size: number }
  | { type: 'avgpool'; size: number }
  | { type: 'batchnorm'; eps: number; momentum: number }
  | { type: 'flatten' }
  | { type: 'dense'; units: number; bias: boolean }
  | ResidualSpec;

/** Layer types that take an [H, W, C] input. */
const IMAGE_LAYERS = new Set<LayerSpec['type']>(['conv2d', 'maxpool', 'avgpool', 'residual']);

/** A model: input shape [H, W, C] (NHWC without the batch axis) and its layers in order. */
export interface ModelSpec {
  input: [number, number, number];
  layers: LayerSpec[];
}

/** Which role a trainable tensor plays; decides its initialiser and landscape normalisation. */
export type ParamKind = 'kernel' | 'bias' | 'gamma' | 'beta';

/**
 * Name, shape and role of one trainable tensor, e.g. `layer0/kernel` [3, 3, 1, 8]. A residual
 * block's tensors are named by their part: `layer{i}/conv1/kernel`, `layer{i}/bn1/gamma`, ...
 */
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
    case 'maxpool':
    case 'avgpool': {
      const [h, w, c] = s as [number, number, number];
      return [Math.floor(h / spec.size), Math.floor(w / spec.size), c];
    }
    case 'residual': {
      const [h, w] = s as [number, number, number];
      return [h, w, spec.filters];
    }
    case 'flatten':
      return [s.reduce((a, b) => a * b, 1)];
    case 'dense':
      return [spec.units];
    default:
      return s;
  }
}

const positive = (n: number) => Number.isInteger(n) && n > 0;

/** Why a layer's own settings are impossible (whatever its input), or null. */
function settingsError(layer: LayerSpec): string | null {
  switch (layer.type) {
    case 'conv2d':
      if (!positive(layer.filters) || !positive(layer.kernel)) return 'filters and kernel ≥ 1';
      return null;
    case 'dense':
      return positive(layer.units) ? null : 'units ≥ 1';
    case 'maxpool':
    case 'avgpool':
      return positive(layer.size) ? null : 'size ≥ 1';
    case 'residual':
      if (!positive(layer.filters)) return 'filters ≥ 1';
      // 'same' with an even kernel pads one side more in TF.js than PyTorch's padding=k//2.
      return positive(layer.kernel) && layer.kernel % 2 === 1 ? null : 'an odd kernel';
    default:
      return null;
  }
}

/** Why `layer` cannot take an input of shape `s`, or null. */
function inputError(layer: LayerSpec, s: ActShape): string | null {
  if (IMAGE_LAYERS.has(layer.type) && s.length !== 3) {
    return `needs an [H, W, C] input, got [${s.join(', ')}] (put it before flatten)`;
  }
  if (layer.type === 'dense' && s.length !== 1) {
    return `needs a flat input, got [${s.join(', ')}] (add a flatten before it)`;
  }
  if (layer.type === 'residual' && layer.skip === 'identity' && s[2] !== layer.filters) {
    return `an identity skip needs ${layer.filters} input channels, got ${s[2]} (use a 1×1 projection skip)`;
  }
  return null;
}

/**
 * Activation shapes before each layer (index i = input of layer i; the last entry is the output).
 * Throws a message naming the layer (`layer3 (dense) needs a flat input, ...`) if a layer's
 * settings are impossible, it gets an input of the wrong rank or channels, or its output would
 * be empty, so bad specs fail before any tensor work (and the model builder shows the message).
 */
export function activationShapes(spec: ModelSpec): ActShape[] {
  if (!spec.input.every(positive)) throw new Error(`input [${spec.input.join(', ')}] is empty`);
  const shapes: ActShape[] = [[...spec.input]];
  spec.layers.forEach((layer, i) => {
    const s = shapes[i]!;
    const bad = settingsError(layer);
    if (bad) throw new Error(`layer${i} (${layer.type}) needs ${bad}`);
    const wrong = inputError(layer, s);
    if (wrong) throw new Error(`layer${i} (${layer.type}) ${wrong}`);
    const out = nextShape(layer, s);
    if (out.some((d) => d <= 0)) {
      throw new Error(`layer${i} (${layer.type}) gives an empty output from [${s.join(', ')}]`);
    }
    shapes.push(out);
  });
  return shapes;
}

/** One part of a residual block: a conv (kernel [k, k, cin, cout], no bias) or a BatchNorm [C]. */
export type ResidualPart =
  | { part: string; kind: 'conv'; kernel: number; cin: number; cout: number }
  | { part: string; kind: 'bn'; channels: number };

/**
 * A residual block's parts in canonical order, as torch lists a BasicBlock's parameters:
 * conv1, bn1, conv2, bn2, then (projection only) skip (1×1 conv) and skip_bn.
 */
export function residualParts(layer: ResidualSpec, cin: number): ResidualPart[] {
  const f = layer.filters;
  const parts: ResidualPart[] = [
    { part: 'conv1', kind: 'conv', kernel: layer.kernel, cin, cout: f },
    { part: 'bn1', kind: 'bn', channels: f },
    { part: 'conv2', kind: 'conv', kernel: layer.kernel, cin: f, cout: f },
    { part: 'bn2', kind: 'bn', channels: f },
  ];
  if (layer.skip === 'projection') {
    parts.push({ part: 'skip', kind: 'conv', kernel: 1, cin, cout: f });
    parts.push({ part: 'skip_bn', kind: 'bn', channels: f });
  }
  return parts;
}

/** The BatchNorms of layer `i` (input shape `s`): name prefix and channels. */
function batchNorms(layer: LayerSpec, i: number, s: ActShape): { prefix: string; c: number }[] {
  if (layer.type === 'batchnorm') return [{ prefix: `layer${i}`, c: s[s.length - 1]! }];
  if (layer.type !== 'residual') return [];
  return residualParts(layer, s[2]!).flatMap((p) =>
    p.kind === 'bn' ? [{ prefix: `layer${i}/${p.part}`, c: p.channels }] : [],
  );
}

/**
 * Trainable tensors in canonical order (layer index, then kernel/bias or gamma/beta; a residual
 * block's parts in {@link residualParts} order).
 * conv2d kernel [kh, kw, in, out], dense kernel [in, out], bias [out], gamma/beta [C].
 */
export function paramShapes(spec: ModelSpec): ParamInfo[] {
  const acts = activationShapes(spec);
  const out: ParamInfo[] = [];
  spec.layers.forEach((layer, i) => {
    const inShape = acts[i]!;
    const channels = inShape[inShape.length - 1]!;
    const p = (kind: ParamKind, shape: number[], prefix = `layer${i}`) =>
      out.push({ name: `${prefix}/${kind}`, shape, kind, layer: i });
    if (layer.type === 'conv2d') {
      p('kernel', [layer.kernel, layer.kernel, channels, layer.filters]);
      if (layer.bias) p('bias', [layer.filters]);
    } else if (layer.type === 'dense') {
      p('kernel', [channels, layer.units]);
      if (layer.bias) p('bias', [layer.units]);
    } else if (layer.type === 'batchnorm') {
      p('gamma', [channels]);
      p('beta', [channels]);
    } else if (layer.type === 'residual') {
      for (const part of residualParts(layer, channels)) {
        const prefix = `layer${i}/${part.part}`;
        if (part.kind === 'conv') {
          p('kernel', [part.kernel, part.kernel, part.cin, part.cout], prefix);
        } else {
          p('gamma', [part.channels], prefix);
          p('beta', [part.channels], prefix);
        }
      }
    }
  });
  return out;
}

/**
 * BatchNorm moving statistics in canonical order: `layer{i}/moving_mean`,
 * `layer{i}/moving_variance` (a residual block's: `layer{i}/bn1/moving_mean`, ...), each [C].
 */
export function stateShapes(spec: ModelSpec): StateInfo[] {
  const acts = activationShapes(spec);
  const out: StateInfo[] = [];
  spec.layers.forEach((layer, i) => {
    for (const { prefix, c } of batchNorms(layer, i, acts[i]!)) {
      out.push({ name: `${prefix}/moving_mean`, shape: [c], kind: 'moving_mean', layer: i });
      out.push({
        name: `${prefix}/moving_variance`,
        shape: [c],
        kind: 'moving_variance',
        layer: i,
      });
    }
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
