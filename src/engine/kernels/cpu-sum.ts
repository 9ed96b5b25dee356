import * as tf from '@tensorflow/tfjs';
import { valuesOf, type CpuBackendLike, type KernelArgs } from './kernel-util';

/**
 * The bias gradient of a convolution sums dy [N, H, W, O] over N, H and W. TF.js 4.22's CPU Sum
 * first transposes the input so that the reduced axes are innermost (an index computation per
 * element) and then reduces: about a third of a tiny CNN's training step. Reducing every axis but
 * the last needs no transpose: accumulate the rows into one float64 vector. The order of the
 * additions per output element is the stock kernel's (row by row), so results are identical.
 * Every other reduction goes to the stock kernel.
 */

interface Attrs {
  axis: number | number[];
  keepDims: boolean;
}

/** out[c] = Σ_i x[i·C + c] over the `x.length / C` rows. */
export function sumRows(x: ArrayLike<number>, C: number): Float32Array {
  const acc = new Float64Array(C);
  for (let off = 0; off < x.length; off += C) {
    for (let c = 0; c < C; c++) acc[c]! += x[off + c]!;
  }
  return Float32Array.from(acc);
}

/** The kernel for Sum, or null where the stock kernel must take the call. */
export function sumKernel(args: KernelArgs): tf.TensorInfo | null {
  const backend = args.backend as CpuBackendLike;
  const { x } = args.inputs as { x: tf.TensorInfo };
  const a = args.attrs as unknown as Attrs;
  const rank = x.shape.length;
  if (x.dtype !== 'float32' || rank < 2) return null;
  const axes = tf.util.parseAxisParam(a.axis, x.shape).sort((p, q) => p - q);
  const leading = axes.length === rank - 1 && axes.every((ax, i) => ax === i);
  if (!leading) return null;
  const C = x.shape[rank - 1]!;
  if (C === 0) return null;
  const values = sumRows(valuesOf(backend, x), C);
  const shape = a.keepDims ? [...Array<number>(rank - 1).fill(1), C] : [C];
  return backend.makeTensorInfo(shape, 'float32', values);
}
