import type * as tf from '@tensorflow/tfjs';
import {
  nhwcConvInfo,
  valuesOf,
  type ConvAttrs,
  type ConvInfo,
  type CpuBackendLike,
  type KernelArgs,
} from './kernel-util';

/**
 * TF.js 4.22's CPU Conv2D/FusedConv2D accumulate every multiply-add into the float32 output
 * array (a load, a rounding and a store per MAC) with the loop order of a generic NHWC/NCHW
 * kernel: ~250 M MAC/s, which makes a forward pass of 144 images through the tiny CNN ~120 ms and
 * every slider probe on the CPU fallback slow. This kernel gathers each output pixel's input
 * patch once and takes one dot product per output channel in a register (float64), then adds
 * the bias and applies ReLU: same math, rounded to float32 once instead of per MAC. NHWC,
 * dilation 1, linear or ReLU activation; anything else goes to the stock kernel.
 */

interface Attrs extends ConvAttrs {
  dilations: [number, number] | number;
  activation?: string;
}

/** Output channels computed together: four independent sums share each patch load. */
const BLOCK = 4;

/**
 * Filter [KH, KW, C, O] rearranged for {@link convForward}: for each block of four output
 * channels, [K][4] (the four weights of tap k side by side), then each remaining channel's [K].
 */
function packFilter(w: ArrayLike<number>, K: number, O: number): Float64Array {
  const wt = new Float64Array(O * K);
  const blocked = O - (O % BLOCK);
  for (let o = 0; o < O; o++) {
    for (let k = 0; k < K; k++) {
      const at = o < blocked ? (o - (o % BLOCK)) * K + k * BLOCK + (o % BLOCK) : o * K + k;
      wt[at] = w[k * O + o]!;
    }
  }
  return wt;
}

/** Copies the input patch of output pixel (n, oh, ow) into `patch` ([KH·KW·C], zero padded). */
function gatherPatch(
  x: ArrayLike<number>,
  patch: Float64Array,
  n: number,
  oh: number,
  ow: number,
  ci: ConvInfo,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, filterHeight: KH, filterWidth: KW } = ci;
  const ih0 = oh * ci.strideHeight - ci.padInfo.top;
  const iw0 = ow * ci.strideWidth - ci.padInfo.left;
  let k = 0;
  for (let kh = 0; kh < KH; kh++) {
    const ih = ih0 + kh;
    for (let kw = 0; kw < KW; kw++) {
      const iw = iw0 + kw;
      if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
        for (let c = 0; c < C; c++) patch[k++] = 0;
        continue;
      }
      const off = ((n * H + ih) * W + iw) * C;
      for (let c = 0; c < C; c++) patch[k++] = x[off + c]!;
    }
  }
}

/**
 * y[out + o] = act(patch · w[:, o] + b[o]) for every output channel o: four channels at a time
 * (independent float64 sums, so the adds pipeline), then the remainder one by one.
 */
function dotChannels(
  patch: Float64Array,
  wt: Float64Array,
  b: Float64Array,
  y: Float32Array,
  out: number,
  K: number,
  O: number,
  relu: boolean,
): void {
  const blocked = O - (O % BLOCK);
  for (let o = 0; o < O; o++) {
    let a0 = 0;
    if (o < blocked) {
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let k = 0, i = o * K; k < K; k++, i += BLOCK) {
        const p = patch[k]!;
        a0 += p * wt[i]!;
        a1 += p * wt[i + 1]!;
        a2 += p * wt[i + 2]!;
        a3 += p * wt[i + 3]!;
      }
      y[out + o] = activate(a0 + b[o]!, relu);
      y[out + o + 1] = activate(a1 + b[o + 1]!, relu);
      y[out + o + 2] = activate(a2 + b[o + 2]!, relu);
      o += BLOCK - 1;
      y[out + o] = activate(a3 + b[o]!, relu);
      continue;
    }
    for (let k = 0, i = o * K; k < K; k++) a0 += patch[k]! * wt[i + k]!;
    y[out + o] = activate(a0 + b[o]!, relu);
  }
}

/** ReLU as `v < 0`, not Math.max: NaN must stay NaN, as TF.js's relu keeps it. */
const activate = (v: number, relu: boolean) => (relu && v < 0 ? 0 : v);

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
  const wt = packFilter(w, K, O);
  const patch = new Float64Array(K);
  const b = new Float64Array(O);
  if (bias) for (let o = 0; o < O; o++) b[o] = bias.length === 1 ? bias[0]! : bias[o]!;
  const y = new Float32Array(N * OH * OW * O);
  let out = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        gatherPatch(x, patch, n, oh, ow, ci);
        dotChannels(patch, wt, b, y, out, K, O, relu);
        out += O;
      }
    }
  }
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
