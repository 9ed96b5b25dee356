import * as tf from '@tensorflow/tfjs';

/**
 * Per-example softmax cross-entropy −log softmax(logits)[label], via logSoftmax so large logits
 * cannot overflow (same value as torch.nn.functional.cross_entropy with reduction='none').
 *
 * @param logits [N, K] float32 scores.
 * @param labels [N] int32 class indices in [0, K).
 * @returns [N] losses (new tensor, caller disposes).
 */
export function perExampleCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const k = logits.shape[1];
    const logp = tf.logSoftmax(logits);
    const onehot = tf.oneHot(tf.cast(labels, 'int32'), k);
    return tf.neg(tf.sum(tf.mul(logp, onehot), 1)) as tf.Tensor1D;
  });
}

/**
 * Mean softmax cross-entropy over the batch (the fixtures' `softmax_cross_entropy_mean`).
 *
 * @param logits [N, K] float32; @param labels [N] int32.
 * @returns scalar (new tensor, caller disposes). Differentiable with respect to `logits`.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(perExampleCrossEntropy(logits, labels)) as tf.Scalar);
}

/**
 * Number of rows whose argmax equals the label (ties: the first maximum, as torch.argmax).
 *
 * @param logits [N, K]; @param labels [N] int32.
 * @returns float32 scalar count (new tensor), float so chunk counts can be summed and divided.
 */
export function correctCount(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(
    () =>
      tf.sum(
        tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'float32'),
      ) as tf.Scalar,
  );
}

/**
 * Fraction of correct argmax predictions, in [0, 1].
 *
 * @param logits [N, K]; @param labels [N] int32.
 * @returns float32 scalar (new tensor, caller disposes).
 */
export function accuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.div(correctCount(logits, labels), logits.shape[0]) as tf.Scalar);
}
