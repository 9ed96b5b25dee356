import type * as tf from '@tensorflow/tfjs';
import { nhwcConvInfo, valuesOf } from './kernel-util';
import type { ConvAttrs, ConvInfo, CpuBackendLike, KernelArgs } from './kernel-util';

/**
 * TF.js 4.22's CPU Conv2D/FusedConv2D accumulate every multiply-add into the float32 output
 * array (a load, a rounding and a store per MAC) with the loop order of a generic NHWC/NCHW
 * kernel: ~250 M MAC/s, which makes a forward pass of 144 images through the tiny CNN ~120 ms and
 * every slider probe on the CPU fallback slow. This kernel collects each output pixel's nonzero
 * inputs once (images are mostly background and ReLU outputs half zeros, so most taps drop out)
 * and takes the dot products of four output channels at a time in registers (float64, starting
 * from the bias), then applies ReLU: the same sums without their zero terms, rounded to float32
 * once instead of per MAC. Zeros are kept when a weight is not finite, where 0·w is NaN. NHWC,
 * dilation 1, linear or ReLU activation; anything else goes to the stock kernel.
 */

interface Attrs extends ConvAttrs {
  dilations: [number, number] | number;
  activation?: string;
}

/** Output channels computed together: four independent sums share each input load. */
const BLOCK = 4;

/**
 * The convolution's sizes and options as one small object literal: TF.js's ConvInfo has dozens
 * of properties (slow to read in the per-pixel loop), this one only what the loops need.
 */
interface Geometry {
  H: number;
  W: number;
  C: number;
  KH: number;
  KW: number;
  O: number;
  OH: number;
  OW: number;
  sh: number;
  sw: number;
  top: number;
  left: number;
  /** Leave zero inputs out (only while every weight is finite: 0·∞ and 0·NaN are NaN). */
  sparse: boolean;
  relu: boolean;
}

function geometry(ci: ConvInfo, sparse: boolean, relu: boolean): Geometry {
  return {
    H: ci.inHeight,
    W: ci.inWidth,
    C: ci.inChannels,
    KH: ci.filterHeight,
    KW: ci.filterWidth,
    O: ci.outChannels,
    OH: ci.outHeight,
    OW: ci.outWidth,
    sh: ci.strideHeight,
    sw: ci.strideWidth,
    top: ci.padInfo.top,
    left: ci.padInfo.left,
    sparse,
    relu,
  };
}

/**
 * The taps of one output pixel that contribute: input values and the offsets of their weight
 * rows in the filter [KH·KW·C][O].
 */
interface Taps {
  value: Float64Array;
  row: Int32Array;
}

/** Output row (n, oh): each pixel's contributing taps, then its channels' dot products. */
function convRow(
  x: ArrayLike<number>,
  w: Float64Array,
  b: Float64Array,
  y: Float32Array,
  n: number,
  oh: number,
  g: Geometry,
  taps: Taps,
): void {
  const { H, W, C, KH, KW, O, OW, sparse } = g;
  const { value, row } = taps;
  const ih0 = oh * g.sh - g.top;
  const kh0 = Math.max(0, -ih0);
  const kh1 = Math.min(KH, H - ih0);
  let out = (n * g.OH + oh) * OW * O;
  for (let ow = 0; ow < OW; ow++, out += O) {
    const iw0 = ow * g.sw - g.left;
    const kw0 = Math.max(0, -iw0);
    const kw1 = Math.min(KW, W - iw0);
    let m = 0;
    for (let kh = kh0; kh < kh1; kh++) {
      for (let kw = kw0; kw < kw1; kw++) {
        const off = ((n * H + ih0 + kh) * W + iw0 + kw) * C;
        const r = (kh * KW + kw) * C * O;
        for (let c = 0; c < C; c++) {
          const v = x[off + c]!;
          if (v === 0 && sparse) continue;
          value[m] = v;
          row[m++] = r + c * O;
        }
      }
    }
    dotChannels(value, row, m, w, b, y, out, g.relu);
  }
}

/**
 * y[out + o] = act(Σ_{j < m} value[j] · w[row[j] + o] + b[o]) for every output channel o: four
 * channels at a time (independent float64 sums, so the adds pipeline), then the rest one by one.
 */
function dotChannels(
  value: Float64Array,
  row: Int32Array,
  m: number,
  w: Float64Array,
  b: Float64Array,
  y: Float32Array,
  out: number,
  relu: boolean,
): void {
  const O = b.length;
  let o = 0;
  for (; o + BLOCK <= O; o += BLOCK) {
    let a0 = b[o]!;
    let a1 = b[o + 1]!;
    let a2 = b[o + 2]!;
    let a3 = b[o + 3]!;
    for (let j = 0; j < m; j++) {
      const v = value[j]!;
      const i = row[j]! + o;
      a0 += v * w[i]!;
      a1 += v * w[i + 1]!;
      a2 += v * w[i + 2]!;
      a3 += v * w[i + 3]!;
    }
    // `a < 0`, not Math.max: NaN must stay NaN, as TF.js's relu keeps it.
    y[out + o] = relu && a0 < 0 ? 0 : a0;
    y[out + o + 1] = relu && a1 < 0 ? 0 : a1;
    y[out + o + 2] = relu && a2 < 0 ? 0 : a2;
    y[out + o + 3] = relu && a3 < 0 ? 0 : a3;
  }
  for (; o < O; o++) {
    let a = b[o]!;
    for (let j = 0; j < m; j++) a += value[j]! * w[row[j]! + o]!;
    y[out + o] = relu && a < 0 ? 0 : a;
  }
}

/**
 * y[n, oh, ow, o] = act(Σ_{kh, kw, c} x[n, oh·sh + kh − top, ow·sw + kw − left, c] · w[kh, kw, c, o]
 * + bias[o]), NHWC. `bias` has O entries, one (broadcast) or none.
 */
export function convForward(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  bias: ArrayLike<number> | null,
  ci: ConvInfo,
  relu: boolean,
): Float32Array {
  const { batchSize: N, outHeight: OH, outWidth: OW, outChannels: O } = ci;
  const K = ci.filterHeight * ci.filterWidth * ci.inChannels;
  const w64 = Float64Array.from(w);
  const g = geometry(ci, w64.every(Number.isFinite), relu);
  const taps: Taps = { value: new Float64Array(K), row: new Int32Array(K) };
  const b = new Float64Array(O);
  if (bias) for (let o = 0; o < O; o++) b[o] = bias.length === 1 ? bias[0]! : bias[o]!;
  const y = new Float32Array(N * OH * OW * O);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) convRow(x, w64, b, y, n, oh, g, taps);
  return y;
}

const isOne = (v: [number, number] | number | undefined) =>
  v === undefined || (Array.isArray(v) ? v[0] === 1 && v[1] === 1 : v === 1);

/** The kernel for Conv2D and FusedConv2D, or null where the stock kernel must take the call. */
export function conv2dKernel(args: KernelArgs): tf.TensorInfo | null {
  const backend = args.backend as CpuBackendLike;
  const { x, filter, bias, preluActivationWeights } = args.inputs as Record<
    string,
    tf.TensorInfo | undefined
  >;
  const a = args.attrs as unknown as Attrs;
  const activation = a.activation ?? 'linear';
  const supported =
    (activation === 'linear' || activation === 'relu') &&
    !preluActivationWeights &&
    a.dataFormat !== 'NCHW' &&
    isOne(a.dilations) &&
    x!.dtype === 'float32' &&
    filter!.dtype === 'float32';
  if (!supported) return null;
  const ci = nhwcConvInfo(x!.shape, filter!.shape, a);
  const biasSize = bias ? bias.shape.reduce((p, d) => p * d, 1) : 0;
  if (bias && biasSize !== 1 && biasSize !== ci.outChannels) return null;
  const b = bias ? valuesOf(backend, bias) : null;
  const y = convForward(
    valuesOf(backend, x!),
    valuesOf(backend, filter!),
    b,
    ci,
    activation === 'relu',
  );
  return backend.makeTensorInfo(ci.outShape, 'float32', y);
}
