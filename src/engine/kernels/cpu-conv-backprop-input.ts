import type * as tf from '@tensorflow/tfjs';
import { nhwcConvInfo, nhwcFloatCall } from './kernel-util';
import type { ConvAttrs, ConvInfo, KernelArgs } from './kernel-util';

/**
 * TF.js 4.22's CPU Conv2DBackpropInput walks every input pixel and recomputes its window bounds
 * and offsets per output channel; this loop walks the output pixels instead and scatters one
 * register dot product per (tap, input channel): same math, NHWC, dilation 1, accumulated in
 * float64 and rounded to float32 once.
 */

interface Attrs extends ConvAttrs {
  inputShape: [number, number, number, number];
}

/**
 * dx[xOff + c] += Σ_o g[o] · w[wOff + c·O + o] for every input channel c of one tap: four
 * channels at a time (independent sums sharing each g[o] load), then the remainder.
 */
function tapDot(
  g: Float64Array,
  w: Float64Array,
  wOff: number,
  dx: Float64Array,
  xOff: number,
  C: number,
  O: number,
): void {
  let c = 0;
  for (; c + 3 < C; c += 4) {
    const r = wOff + c * O;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let o = 0; o < O; o++) {
      const v = g[o]!;
      s0 += v * w[r + o]!;
      s1 += v * w[r + O + o]!;
      s2 += v * w[r + 2 * O + o]!;
      s3 += v * w[r + 3 * O + o]!;
    }
    dx[xOff + c]! += s0;
    dx[xOff + c + 1]! += s1;
    dx[xOff + c + 2]! += s2;
    dx[xOff + c + 3]! += s3;
  }
  for (; c < C; c++) {
    let s = 0;
    for (let o = 0, r = wOff + c * O; o < O; o++) s += g[o]! * w[r + o]!;
    dx[xOff + c]! += s;
  }
}

/** dx[n, ih, iw, c] = Σ_{oh, ow, kh, kw, o: ih = oh·sh + kh − top, iw = ow·sw + kw − left} dy[n, oh, ow, o] · w[kh, kw, c, o]. */
export function convBackpropInput(
  dy: ArrayLike<number>,
  w: ArrayLike<number>,
  ci: ConvInfo,
): Float32Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outChannels: O } = ci;
  const { outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW } = ci;
  const wv = Float64Array.from(w);
  const g = new Float64Array(O);
  const dx = new Float64Array(N * H * W * C);
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const dyOff = ((n * OH + oh) * OW + ow) * O;
        for (let o = 0; o < O; o++) g[o] = dy[dyOff + o]!;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * ci.strideHeight + kh - ci.padInfo.top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * ci.strideWidth + kw - ci.padInfo.left;
            if (iw < 0 || iw >= W) continue;
            const xOff = ((n * H + ih) * W + iw) * C;
            tapDot(g, wv, (kh * KW + kw) * C * O, dx, xOff, C, O);
          }
        }
      }
    }
  }
  return Float32Array.from(dx);
}

/** The kernel for Conv2DBackpropInput, or null where the stock kernel must take the call. */
export function conv2dBackpropInputKernel(args: KernelArgs): tf.TensorInfo | null {
  const call = nhwcFloatCall<Attrs>(args, ['dy', 'filter']);
  if (!call) return null;
  const ci = nhwcConvInfo(call.attrs.inputShape, call.shape('filter'), call.attrs);
  const values = convBackpropInput(call.values('dy'), call.values('filter'), ci);
  return call.backend.makeTensorInfo(ci.inShape, 'float32', values);
}
