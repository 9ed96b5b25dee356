import * as tf from '@tensorflow/tfjs';
import type { HvpFn } from '../tangent/hvp';
import type { Params } from '../types';
import { disposeParams } from './combine';
import { throwIfCancelled, yieldToEventLoop, type RunOptions } from './points';

/**
 * The exact trace Σᵢ eᵢᵀHeᵢ over the standard basis: one Hessian-vector product per parameter,
 * so only for small models (the reference fixtures, a few thousand parameters at most), where
 * it replaces Hutchinson's estimate by the number itself. One scalar readback per tensor.
 *
 * @param params - weights w (any shapes); not modified.
 * @returns tr(H) of the objective behind `hvp`.
 * @throws {CancelledError} when cancelled through `opts` (polled before each product).
 */
export async function hessianTraceExact(
  hvp: HvpFn,
  params: Params,
  opts: RunOptions = {},
): Promise<number> {
  const names = Object.keys(params);
  const total = names.reduce((n, k) => n + params[k]!.size, 0);
  let trace = 0;
  let done = 0;
  for (const name of names) {
    const size = params[name]!.size;
    const diag = new Float32Array(size);
    for (let j = 0; j < size; j++) {
      throwIfCancelled(opts);
      const e = basisVector(params, name, j);
      const hv = hvp(params, e);
      const entry = tf.tidy(() => tf.reshape(hv[name]!, [-1]).slice(j, 1));
      disposeParams(e);
      disposeParams(hv);
      diag[j] = (await entry.data())[0]!;
      entry.dispose();
    }
    trace += diag.reduce((a, b) => a + b, 0);
    done += size;
    opts.onProgress?.({ done, total });
    await yieldToEventLoop();
  }
  return trace;
}

/** eⱼ of tensor `name`, zeros elsewhere, shaped like `params` (new tensors). */
function basisVector(params: Params, name: string, j: number): Params {
  const out: Params = {};
  for (const [k, w] of Object.entries(params)) {
    out[k] =
      k === name
        ? tf.tidy(() =>
            tf.reshape(tf.cast(tf.oneHot(tf.tensor1d([j], 'int32'), w.size), 'float32'), w.shape),
          )
        : tf.zerosLike(w);
  }
  return out;
}
