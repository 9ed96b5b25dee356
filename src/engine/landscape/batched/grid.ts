import * as tf from '@tensorflow/tfjs';
import type { Params } from '../../types';
import { disposeParams } from '../combine';
import type { GridResult } from '../../../domain/api';
import { runGridRows } from '../grid-rows';
import type { PointValues, RunOptions } from '../points';
import type { BatchedEvalFns } from './evaluate';
import { stackOffsets } from './stack';

export { runGridRows, type RowEvaluator } from '../grid-rows';

/** `coeffs` padded to length k by repeating its last value (the padding's results are dropped). */
function padTo(coeffs: number[], k: number): number[] {
  const out = coeffs.slice(0, k);
  while (out.length < k) out.push(coeffs[coeffs.length - 1]!);
  return out;
}

/**
 * One grid row w + aᵢ·d1 + b·d2 (all i) through the batched path: ⌈len/K⌉ forward passes of K
 * points each (the last one padded, so every pass has the same shapes and the backend reuses its
 * kernels and buffers), then ONE readback of the row's [4, len] values.
 *
 * @param params, d1, d2 - weights and directions (same names and shapes); borrowed.
 */
export async function batchedRow(
  params: Params,
  d1: Params,
  d2: Params,
  as: number[],
  b: number,
  fns: BatchedEvalFns,
): Promise<PointValues> {
  const { k } = fns;
  const stacked = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < as.length; start += k) {
      const w = stackOffsets(params, d1, d2, padTo(as.slice(start, start + k), k), b);
      try {
        const tr = fns.train(w);
        const te = fns.test(w);
        parts.push(tf.stack([tr.loss, tr.accuracy, te.loss, te.accuracy])); // [4, K]
      } finally {
        disposeParams(w);
      }
    }
    return parts.length === 1 ? parts[0]! : tf.concat(parts, 1);
  });
  const width = stacked.shape[1]!;
  let v: Float32Array | Int32Array | Uint8Array;
  try {
    v = await stacked.data();
  } finally {
    stacked.dispose();
  }
  const col = (j: number) => Array.from({ length: as.length }, (_, i) => v[j * width + i]!);
  return { trainLoss: col(0), trainAcc: col(1), testLoss: col(2), testAcc: col(3) };
}

/**
 * 2D surface w + a·d1 + b·d2 over `as` × `bs`, like `grid2d`, but each row's points are evaluated
 * K at a time in one forward pass (see `makeBatchedEvalFns`). Same result type and contract: rows
 * are indexed by b, exactly one readback per row, progress after each row, cancellation between
 * rows, every tensor of a row freed before the next. Values equal `grid2d`'s up to float32
 * rounding.
 *
 * @param params - weights w; @param d1 - direction for a; @param d2 - direction for b (both
 *   shaped like `params`). None of them is modified or disposed.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export function grid2dBatched(
  params: Params,
  d1: Params,
  d2: Params,
  as: number[],
  bs: number[],
  fns: BatchedEvalFns,
  opts: RunOptions = {},
): Promise<GridResult> {
  return runGridRows(as, bs, (row) => batchedRow(params, d1, d2, as, bs[row]!, fns), opts);
}
