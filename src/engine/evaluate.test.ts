import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { evaluate } from './evaluate';
import { accuracy, softmaxCrossEntropy } from './loss';
import { apply } from './model/apply';
import { initModel } from './model/init';
import { MODEL_ZOO } from './model/zoo';

test('chunked eval-mode metrics equal the one-pass metrics, without leaks', async () => {
  const spec = MODEL_ZOO['bn-cnn'].spec([12, 12, 1], 4);
  const { params, state } = initModel(spec, 5);
  const x = tf.randomUniform([23, 12, 12, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
  const y = tf.tensor1d(
    Array.from({ length: 23 }, (_, i) => i % 4),
    'int32',
  );
  const { logits } = apply(spec, params, state, x, 'eval');
  const wantLoss = softmaxCrossEntropy(logits, y);
  const wantAcc = accuracy(logits, y);
  const want = [(await wantLoss.data())[0]!, (await wantAcc.data())[0]!];
  tf.dispose([logits, wantLoss, wantAcc]);
  const before = tf.memory().numTensors;
  for (const chunk of [1, 5, 23, 500]) {
    const r = evaluate(spec, params, state, x, y, chunk);
    expect((await r.loss.data())[0]).toBeCloseTo(want[0]!, 5);
    expect((await r.accuracy.data())[0]).toBeCloseTo(want[1]!, 6);
    tf.dispose([r.loss, r.accuracy]);
  }
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, y, ...Object.values(params), ...Object.values(state)]);
});
