import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import type { ModelSpec, ModelState, Params } from '../types';
import { apply } from './apply';
import { initModel } from './init';
import { countParams, paramShapes, stateShapes } from './params';
import { MODEL_ZOO, type ZooModelId } from './zoo';

const dispose = (...maps: (Params | ModelState)[]) =>
  maps.forEach((m) => tf.dispose(Object.values(m)));

async function values(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

describe('zoo', () => {
  const expected: Record<ZooModelId, number> = {
    mlp: 50_890,
    'tiny-cnn': 5_258,
    lenet5: 61_706,
    'bn-cnn': 5_282,
  };
  for (const id of Object.keys(MODEL_ZOO) as ZooModelId[]) {
    test(`${id}: parameter count and logits shape`, () => {
      const spec = MODEL_ZOO[id].spec([28, 28, 1]);
      expect(countParams(spec)).toBe(expected[id]);
      const before = tf.memory().numTensors;
      const { params, state } = initModel(spec, 1);
      const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 7) as tf.Tensor4D;
      for (const mode of ['train', 'eval'] as const) {
        const out = apply(spec, params, state, x, mode);
        expect(out.logits.shape).toEqual([3, 10]);
        expect(Object.keys(out.state)).toEqual(stateShapes(spec).map((s) => s.name));
        out.logits.dispose();
        if (mode === 'train') dispose(out.state);
        else expect(out.state).toBe(state);
      }
      x.dispose();
      dispose(params, state);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  test('names and shapes follow the fixture convention', () => {
    const spec = MODEL_ZOO['bn-cnn'].spec([28, 28, 1]);
    expect(paramShapes(spec).map((p) => `${p.name}:${p.shape.join('x')}`)).toEqual([
      'layer0/kernel:3x3x1x8',
      'layer1/gamma:8',
      'layer1/beta:8',
      'layer4/kernel:3x3x8x16',
      'layer5/gamma:16',
      'layer5/beta:16',
      'layer9/kernel:400x10',
      'layer9/bias:10',
    ]);
    expect(stateShapes(spec).map((s) => s.name)).toEqual([
      'layer1/moving_mean',
      'layer1/moving_variance',
      'layer5/moving_mean',
      'layer5/moving_variance',
    ]);
  });

  test('lenet5 uses same padding in its first conv', () => {
    const spec = MODEL_ZOO.lenet5.spec([28, 28, 1]);
    // 28 → same conv 28 → pool 14 → valid 5×5 conv 10 → pool 5: 5·5·16 = 400 features.
    expect(paramShapes(spec).find((p) => p.name === 'layer7/kernel')?.shape).toEqual([400, 120]);
  });
});

describe('initModel', () => {
  const spec = MODEL_ZOO['bn-cnn'].spec([28, 28, 1]);

  test('same seed → identical tensors; other seed → different kernels', async () => {
    const a = initModel(spec, 42);
    const b = initModel(spec, 42);
    const c = initModel(spec, 43);
    for (const name of Object.keys(a.params)) {
      expect(await values(a.params[name]!)).toEqual(await values(b.params[name]!));
    }
    expect(await values(a.params['layer0/kernel']!)).not.toEqual(
      await values(c.params['layer0/kernel']!),
    );
    dispose(a.params, a.state, b.params, b.state, c.params, c.state);
  });

  test('He std for ReLU layers, ones/zeros for BatchNorm', async () => {
    const big: ModelSpec = {
      input: [1, 1, 400],
      layers: [
        { type: 'flatten' },
        { type: 'dense', units: 500, bias: true },
        { type: 'relu' },
        { type: 'dense', units: 10, bias: false },
      ],
    };
    const { params, state } = initModel(big, 3);
    const k = await values(params['layer1/kernel']!);
    const std = Math.sqrt(k.reduce((s, v) => s + v * v, 0) / k.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 400), 3);
    const last = await values(params['layer3/kernel']!);
    const limit = Math.sqrt(6 / 510);
    expect(Math.max(...last.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(await values(params['layer1/bias']!)).toEqual(new Array(500).fill(0));
    dispose(params, state);
    const bn = initModel(spec, 1);
    expect(await values(bn.params['layer1/gamma']!)).toEqual(new Array(8).fill(1));
    expect(await values(bn.state['layer1/moving_variance']!)).toEqual(new Array(8).fill(1));
    expect(await values(bn.state['layer1/moving_mean']!)).toEqual(new Array(8).fill(0));
    dispose(bn.params, bn.state);
  });
});

describe('BatchNorm (PyTorch semantics)', () => {
  const eps = 1e-5;
  const spec: ModelSpec = {
    input: [1, 1, 2],
    layers: [{ type: 'flatten' }, { type: 'batchnorm', eps, momentum: 0.1 }],
  };
  const col0 = [1, 2, 3, 4];
  const col1 = [0, 0, 2, 2];

  function setup() {
    const x = tf.tensor4d(
      col0.flatMap((v, i) => [v, col1[i]!]),
      [4, 1, 1, 2],
    );
    const params = { 'layer1/gamma': tf.tensor1d([2, 1]), 'layer1/beta': tf.tensor1d([0.5, 0]) };
    const state = {
      'layer1/moving_mean': tf.tensor1d([1, -1]),
      'layer1/moving_variance': tf.tensor1d([4, 2]),
    };
    return { x, params, state };
  }

  test('train: biased batch variance to normalise, unbiased into the moving variance', async () => {
    const { x, params, state } = setup();
    const out = apply(spec, params, state, x, 'train');
    const y = await values(out.logits);
    // column 0: mean 2.5, biased var 1.25, unbiased 5/3
    col0.forEach((v, i) =>
      expect(y[2 * i]).toBeCloseTo(((v - 2.5) / Math.sqrt(1.25 + eps)) * 2 + 0.5, 5),
    );
    // column 1: mean 1, biased var 1, unbiased 4/3
    col1.forEach((v, i) => expect(y[2 * i + 1]).toBeCloseTo((v - 1) / Math.sqrt(1 + eps), 5));
    const mm = await values(out.state['layer1/moving_mean']!);
    const mv = await values(out.state['layer1/moving_variance']!);
    expect(mm[0]).toBeCloseTo(0.9 * 1 + 0.1 * 2.5, 6);
    expect(mm[1]).toBeCloseTo(0.9 * -1 + 0.1 * 1, 6);
    expect(mv[0]).toBeCloseTo(0.9 * 4 + (0.1 * 5) / 3, 6);
    expect(mv[1]).toBeCloseTo(0.9 * 2 + (0.1 * 4) / 3, 6);
    dispose(params, state, out.state);
    tf.dispose([x, out.logits]);
  });

  test('eval: moving statistics, state returned unchanged', async () => {
    const { x, params, state } = setup();
    const out = apply(spec, params, state, x, 'eval');
    expect(out.state).toBe(state);
    const y = await values(out.logits);
    col0.forEach((v, i) =>
      expect(y[2 * i]).toBeCloseTo(((v - 1) / Math.sqrt(4 + eps)) * 2 + 0.5, 5),
    );
    col1.forEach((v, i) => expect(y[2 * i + 1]).toBeCloseTo((v + 1) / Math.sqrt(2 + eps), 5));
    dispose(params, state);
    tf.dispose([x, out.logits]);
  });

  test('images: statistics over N, H, W (n = N·H·W for the unbiased variance)', async () => {
    const img: ModelSpec = {
      input: [2, 2, 1],
      layers: [{ type: 'batchnorm', eps, momentum: 1 }, { type: 'flatten' }],
    };
    const data = [1, 2, 3, 4, 5, 6, 7, 8];
    const x = tf.tensor4d(data, [2, 2, 2, 1]);
    const params = { 'layer0/gamma': tf.ones([1]), 'layer0/beta': tf.zeros([1]) };
    const state = { 'layer0/moving_mean': tf.zeros([1]), 'layer0/moving_variance': tf.ones([1]) };
    const out = apply(img, params, state, x, 'train');
    expect((await values(out.state['layer0/moving_mean']!))[0]).toBeCloseTo(4.5, 6);
    expect((await values(out.state['layer0/moving_variance']!))[0]).toBeCloseTo(6, 5); // 42/7
    const y = await values(out.logits);
    data.forEach((v, i) => expect(y[i]).toBeCloseTo((v - 4.5) / Math.sqrt(5.25 + eps), 5));
    dispose(params, state, out.state);
    tf.dispose([x, out.logits]);
  });
});

describe('apply', () => {
  test('flatten is the NHWC (H, W, C) order and dense is x·W + b', async () => {
    const spec: ModelSpec = {
      input: [1, 2, 2],
      layers: [{ type: 'flatten' }, { type: 'dense', units: 1, bias: true }],
    };
    const x = tf.tensor4d([1, 10, 100, 1000], [1, 1, 2, 2]); // h=0: w=0 (c0, c1), w=1 (c0, c1)
    const params = {
      'layer1/kernel': tf.tensor2d([1, 2, 3, 4], [4, 1]),
      'layer1/bias': tf.tensor1d([0.5]),
    };
    const { logits } = apply(spec, params, {}, x, 'eval');
    expect(await values(logits)).toEqual([1 + 20 + 300 + 4000 + 0.5]);
    dispose(params);
    tf.dispose([x, logits]);
  });

  test('rejects a spec whose output is not [N, classes]', () => {
    const spec: ModelSpec = { input: [4, 4, 1], layers: [{ type: 'relu' }] };
    const x = tf.zeros([1, 4, 4, 1]) as tf.Tensor4D;
    expect(() => apply(spec, {}, {}, x, 'eval')).toThrow(/rank 4/);
    x.dispose();
  });
});
