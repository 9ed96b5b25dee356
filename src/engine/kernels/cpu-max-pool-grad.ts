import type * as tf from '@tensorflow/tfjs';
import { poolInfo, valuesOf } from './kernel-util';
import type { CpuBackendLike, KernelArgs, PoolAttrs, PoolInfo } from './kernel-util';

/**
 * TF.js 4.22's CPU MaxPoolGrad goes through TensorBuffer.get()/set() per element (~0.3 s per step
 * of a small CNN). This direct loop has the same semantics: the gradient of each output goes to
 * the first maximum of its window (strict `>` scan in row-major order, as TF.js picks it).
 */

/** Flat index (within one image) of the first maximum of the window of output (oh, ow, c). */
function argmaxInWindow(
  x: ArrayLike<number>,
  base: number,
  oh: number,
  ow: number,
  c: number,
  pi: PoolInfo,
): number {
  const { inHeight: H, inWidth: W, inChannels: C } = pi;
  const r0 = oh * pi.strideHeight - pi.padInfo.top;
  const c0 = ow * pi.strideWidth - pi.padInfo.left;
  let best = Number.NEGATIVE_INFINITY;
  let pos = -1;
  for (let r = Math.max(0, r0); r < Math.min(H, r0 + pi.filterHeight); r++) {
    for (let q = Math.max(0, c0); q < Math.min(W, c0 + pi.filterWidth); q++) {
      const idx = (r * W + q) * C + c;
      const v = x[base + idx]!;
      if (v > best) {
        best = v;
        pos = idx;
      }
    }
  }
  return pos;
}

function scatter(x: ArrayLike<number>, dy: ArrayLike<number>, pi: PoolInfo): Float32Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = pi;
  const dx = new Float32Array(N * H * W * C);
  for (let n = 0; n < N; n++) {
    const base = n * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const dyOff = ((n * OH + oh) * OW + ow) * C;
        for (let c = 0; c < C; c++) {
          const pos = argmaxInWindow(x, base, oh, ow, c, pi);
          if (pos >= 0) dx[base + pos]! += dy[dyOff + c]!;
        }
      }
    }
  }
  return dx;
}

export function maxPoolGradKernel(args: KernelArgs): tf.TensorInfo | null {
  const backend = args.backend as CpuBackendLike;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  if (dy.dtype !== 'float32' || input.dtype !== 'float32') return null;
  const pi = poolInfo(input.shape, args.attrs as unknown as PoolAttrs);
  const dx = scatter(valuesOf(backend, input), valuesOf(backend, dy), pi);
  return backend.makeTensorInfo(input.shape, 'float32', dx);
}
