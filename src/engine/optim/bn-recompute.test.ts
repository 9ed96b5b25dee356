import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import type { ModelSpec } from '../types';
import { recomputeBatchNorm } from './bn-recompute';

test('equal weight per batch, whatever its size (torch update_bn)', async () => {
  const spec: ModelSpec = {
    input: [1, 1, 1],
    layers: [{ type: 'flatten' }, { type: 'batchnorm', eps: 1e-5, momentum: 0.1 }],
  };
  const params = { 'layer1/gamma': tf.ones([1]), 'layer1/beta': tf.zeros([1]) };
  const b1 = [1, 3]; // mean 2, unbiased var 2
  const b2 = [0, 0, 6]; // mean 2... (0 + 0 + 6) / 3 = 2, unbiased var (4 + 4 + 16) / 2 = 12
  const batches = [b1, b2].map((b) => tf.tensor4d(b, [b.length, 1, 1, 1]));
  const before = tf.memory().numTensors;
  const state = recomputeBatchNorm(spec, params, batches);
  expect((await state['layer1/moving_mean']!.data())[0]).toBeCloseTo(2, 6);
  expect((await state['layer1/moving_variance']!.data())[0]).toBeCloseTo((2 + 12) / 2, 5);
  tf.dispose(Object.values(state));
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([...batches, ...Object.values(params)]);
});

test('no BatchNorm → empty state', () => {
  const spec: ModelSpec = { input: [1, 1, 2], layers: [{ type: 'flatten' }] };
  expect(recomputeBatchNorm(spec, {}, [])).toEqual({});
});
