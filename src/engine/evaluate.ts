import * as tf from '@tensorflow/tfjs';
import { correctCount, perExampleCrossEntropy } from './loss';
import { apply } from './model/apply';
import type { ModelSpec, ModelState, Params } from './types';

/** Eval-mode metrics as scalars on the backend, so callers can batch several readbacks. */
export interface EvalResult {
  /** Mean softmax cross-entropy over all N samples (float32 scalar, caller disposes). */
  loss: tf.Scalar;
  /** Fraction of correct argmax predictions in [0, 1] (float32 scalar, caller disposes). */
  accuracy: tf.Scalar;
}

/**
 * Eval-mode loss and accuracy of the model over a whole set, computed in chunks so memory stays
 * bounded. Chunks are `chunk` samples each, plus one final smaller chunk when `chunk` does not
 * divide N, so at most two input shapes occur: with a fixed evaluation set the backend compiles
 * its kernels once. (No padding: padding would need a copy of the set and masking on every call.)
 * Each chunk contributes its summed per-sample losses and correct count, so the result is the
 * exact per-sample mean, whatever the chunking.
 *
 * Nothing is read back: the results are tensors, so several evaluations can share one readback.
 *
 * @param x [N, H, W, C] float32; @param y [N] int32 labels; @param chunk samples per forward pass.
 * @param params, state borrowed (eval mode never changes the state).
 */
export function evaluate(
  spec: ModelSpec,
  params: Params,
  state: ModelState,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  chunk = 500,
): EvalResult {
  const n = x.shape[0];
  if (n === 0) throw new Error('evaluate: empty set');
  if (y.shape[0] !== n) throw new Error(`evaluate: ${n} inputs but ${y.shape[0]} labels`);
  const size = Math.max(1, Math.min(chunk, n));
  let lossSum: tf.Scalar = tf.scalar(0);
  let correct: tf.Scalar = tf.scalar(0);
  for (let start = 0; start < n; start += size) {
    const len = Math.min(size, n - start);
    // One tidy per chunk keeps only two running scalars alive between chunks.
    const next = tf.tidy(() => {
      const xs = len === n ? x : tf.slice(x, [start, 0, 0, 0], [len, -1, -1, -1]);
      const ys = len === n ? y : tf.slice(y, [start], [len]);
      const { logits } = apply(spec, params, state, xs, 'eval');
      return [
        tf.add(lossSum, tf.sum(perExampleCrossEntropy(logits, ys))) as tf.Scalar,
        tf.add(correct, correctCount(logits, ys)) as tf.Scalar,
      ];
    });
    tf.dispose([lossSum, correct]);
    [lossSum, correct] = next as [tf.Scalar, tf.Scalar];
  }
  const result = {
    loss: tf.div(lossSum, n) as tf.Scalar,
    accuracy: tf.div(correct, n) as tf.Scalar,
  };
  tf.dispose([lossSum, correct]);
  return result;
}
