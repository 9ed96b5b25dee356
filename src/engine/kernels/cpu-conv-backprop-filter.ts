import type * as tf from '@tensorflow/tfjs';
import { nhwcConvInfo, nhwcFloatCall } from './kernel-util';
import type { ConvAttrs, ConvInfo, KernelArgs } from './kernel-util';

/**
 * TF.js 4.22's CPU Conv2DBackpropFilter reads every element through TensorBuffer.get() in the
 * innermost loop: ~2 s per step for a 5k-parameter CNN, which makes the CPU fallback and every
 * CPU-backend test unusable. TF.js has no further releases, so we replace the kernel with a
 * direct typed-array loop (same math, NHWC, dilation 1). Accumulation is in float64, so results
 * equal the stock kernel's within float32 rounding.
 */

interface Attrs extends ConvAttrs {
  filterShape: [number, number, number, number];
}

/** dW[kh, kw, c, o] = Σ_{n, oh, ow} x[n, oh·sh + kh − top, ow·sw + kw − left, c] · dy[n, oh, ow, o]. */
function accumulate(x: ArrayLike<number>, dy: ArrayLike<number>, ci: ConvInfo): Float32Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outChannels: O } = ci;
  const { outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW } = ci;
  const { strideHeight: sh, strideWidth: sw } = ci;
  const top = ci.padInfo.top;
  const left = ci.padInfo.left;
  const acc = new Float64Array(KH * KW * C * O);
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const dyOff = ((n * OH + oh) * OW + ow) * O;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh + kh - top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw + kw - left;
            if (iw < 0 || iw >= W) continue;
            const xOff = ((n * H + ih) * W + iw) * C;
            const wOff = (kh * KW + kw) * C * O;
            for (let c = 0; c < C; c++) {
              const xv = x[xOff + c]!;
              if (xv === 0) continue; // ReLU/zero padding makes many inputs exactly zero
              const base = wOff + c * O;
              for (let o = 0; o < O; o++) acc[base + o]! += xv * dy[dyOff + o]!;
            }
          }
        }
      }
    }
  }
  return Float32Array.from(acc);
}

export function conv2dBackpropFilterKernel(args: KernelArgs): tf.TensorInfo | null {
  const call = nhwcFloatCall<Attrs>(args, ['x', 'dy']);
  if (!call) return null;
  const ci = nhwcConvInfo(call.shape('x'), call.attrs.filterShape, call.attrs);
  const values = accumulate(call.values('x'), call.values('dy'), ci);
  return call.backend.makeTensorInfo(ci.filterShape, 'float32', values);
}
