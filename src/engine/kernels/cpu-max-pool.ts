import type * as tf from '@tensorflow/tfjs';
import { poolInfo, valuesOf } from './kernel-util';
import type { CpuBackendLike, KernelArgs, PoolAttrs, PoolInfo } from './kernel-util';

/**
 * TF.js 4.22's CPU MaxPool goes through its generic pool() (max and average in one loop, channel
 * outermost, so every read strides across the NHWC image). This one keeps the channel innermost
 * and contiguous. Same semantics as the stock kernel: a strict `>` scan from −∞ over the window
 * clipped to the image (so NaN inputs are skipped, as TF.js's CPU kernel does).
 */

/** y[n, oh, ow, c] = max of x[n, r, q, c] over the (clipped) window of (oh, ow), NHWC. */
export function maxPoolForward(x: ArrayLike<number>, pi: PoolInfo): Float32Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = pi;
  const y = new Float32Array(N * OH * OW * C).fill(Number.NEGATIVE_INFINITY);
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * pi.strideHeight - pi.padInfo.top;
      const r1 = Math.min(H, r0 + pi.filterHeight);
      for (let ow = 0; ow < OW; ow++) {
        const q0 = ow * pi.strideWidth - pi.padInfo.left;
        const q1 = Math.min(W, q0 + pi.filterWidth);
        const yOff = ((n * OH + oh) * OW + ow) * C;
        for (let r = Math.max(0, r0); r < r1; r++) {
          for (let q = Math.max(0, q0); q < q1; q++) {
            const xOff = ((n * H + r) * W + q) * C;
            for (let c = 0; c < C; c++) {
              const v = x[xOff + c]!;
              if (v > y[yOff + c]!) y[yOff + c] = v;
            }
          }
        }
      }
    }
  }
  return y;
}

/** The kernel for MaxPool, or null where the stock kernel must take the call. */
export function maxPoolKernel(args: KernelArgs): tf.TensorInfo | null {
  const backend = args.backend as CpuBackendLike;
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (x.dtype !== 'float32') return null;
  const pi = poolInfo(x.shape, args.attrs as unknown as PoolAttrs);
  // TF.js returns the input itself for a 1×1 window with stride 1; the stock kernel does that.
  const identity = pi.filterWidth === 1 && pi.filterHeight === 1;
  if (identity && pi.outShape.every((d, i) => d === x.shape[i])) return null;
  return backend.makeTensorInfo(pi.outShape, 'float32', maxPoolForward(valuesOf(backend, x), pi));
}
