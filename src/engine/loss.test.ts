import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { accuracy, correctCount, perExampleCrossEntropy, softmaxCrossEntropy } from './loss';

const scalar = async (t: tf.Tensor) => {
  const v = (await t.data())[0]!;
  t.dispose();
  return v;
};

test('cross-entropy equals −log softmax[label], averaged', async () => {
  const rows = [
    [1, 2, 3],
    [0.5, -1, 0],
  ];
  const labels = [2, 0];
  const logits = tf.tensor2d(rows);
  const y = tf.tensor1d(labels, 'int32');
  const want = rows.map((r, i) => {
    const lse = Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
    return lse - r[labels[i]!]!;
  });
  const per = perExampleCrossEntropy(logits, y);
  expect(
    Array.from(await per.data())
      .map((v, i) => v - want[i]!)
      .every((d) => Math.abs(d) < 1e-6),
  ).toBe(true);
  expect(await scalar(softmaxCrossEntropy(logits, y))).toBeCloseTo((want[0]! + want[1]!) / 2, 6);
  tf.dispose([logits, y, per]);
});

test('numerically stable for huge logits', async () => {
  const logits = tf.tensor2d([[1000, 0, -1000]]);
  const y = tf.tensor1d([1], 'int32');
  expect(await scalar(softmaxCrossEntropy(logits, y))).toBeCloseTo(1000, 3);
  tf.dispose([logits, y]);
});

test('accuracy and correct count by argmax', async () => {
  const logits = tf.tensor2d([
    [0, 1],
    [2, 1],
    [0, 3],
    [5, 4],
  ]);
  const y = tf.tensor1d([1, 0, 0, 1], 'int32');
  expect(await scalar(correctCount(logits, y))).toBe(2);
  expect(await scalar(accuracy(logits, y))).toBe(0.5);
  tf.dispose([logits, y]);
});
