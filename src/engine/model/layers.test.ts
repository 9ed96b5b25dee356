import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import type { ResidualSpec } from '../../domain/model';
import { disposeParams } from '../landscape/combine';
import { softmaxCrossEntropy } from '../loss';
import type { ModelSpec, Params } from '../types';
import { apply } from './apply';
import { initModel } from './init';
import { paramShapes, stateShapes } from './params';

const block = (filters: number, skip: ResidualSpec['skip']): ResidualSpec => ({
  type: 'residual',
  filters,
  kernel: 3,
  skip,
  eps: 1e-5,
  momentum: 0.1,
});

async function values(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

/** A one-layer model whose logits are its flattened output (flatten only adds a reshape). */
function single(input: [number, number, number], layer: ModelSpec['layers'][number]): ModelSpec {
  return { input, layers: [layer, { type: 'flatten' }] };
}

describe('apply: tanh, GELU, average pooling', () => {
  test('GELU is the exact erf form x·Φ(x) (torch nn.GELU()), tanh is tanh', async () => {
    const xs = [-3, -1, -0.5, 0, 0.5, 1, 2];
    const x = tf.tensor4d(xs, [1, 1, 1, xs.length]);
    const gelu = apply(single([1, 1, 7], { type: 'gelu' }), {}, {}, x, 'eval').logits;
    // torch.nn.functional.gelu in float64 at these points.
    const want = [-0.0040496, -0.15865525, -0.15426877, 0, 0.34573123, 0.84134475, 1.95449974];
    (await values(gelu)).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    const tanh = apply(single([1, 1, 7], { type: 'tanh' }), {}, {}, x, 'eval').logits;
    (await values(tanh)).forEach((v, i) => expect(v).toBeCloseTo(Math.tanh(xs[i]!), 6));
    tf.dispose([x, gelu, tanh]);
  });

  test('average pooling: stride = size, valid (a 5×5 input pools to 2×2)', async () => {
    const x = tf.range(0, 25).reshape([1, 5, 5, 1]) as tf.Tensor4D;
    const y = apply(single([5, 5, 1], { type: 'avgpool', size: 2 }), {}, {}, x, 'eval').logits;
    expect(await values(y)).toEqual([(0 + 1 + 5 + 6) / 4, (2 + 3 + 7 + 8) / 4, 13, 15]);
    tf.dispose([x, y]);
  });
});

describe('residual blocks', () => {
  const spec = (skip: ResidualSpec['skip'], cin = 3): ModelSpec => ({
    input: [4, 4, cin],
    layers: [block(3, skip), { type: 'flatten' }],
  });

  test('parameters and statistics are named by part, in torch BasicBlock order', () => {
    const names = paramShapes(spec('projection', 2)).map((p) => `${p.name}:${p.shape.join('x')}`);
    expect(names).toEqual([
      'layer0/conv1/kernel:3x3x2x3',
      'layer0/bn1/gamma:3',
      'layer0/bn1/beta:3',
      'layer0/conv2/kernel:3x3x3x3',
      'layer0/bn2/gamma:3',
      'layer0/bn2/beta:3',
      'layer0/skip/kernel:1x1x2x3',
      'layer0/skip_bn/gamma:3',
      'layer0/skip_bn/beta:3',
    ]);
    expect(stateShapes(spec('none')).map((s) => s.name)).toEqual([
      'layer0/bn1/moving_mean',
      'layer0/bn1/moving_variance',
      'layer0/bn2/moving_mean',
      'layer0/bn2/moving_variance',
    ]);
  });

  /** Logits with bn2's γ = β = 0, so the main path adds nothing: what is left is the shortcut. */
  async function shortcutOnly(skip: ResidualSpec['skip'], cin: number, x: tf.Tensor4D) {
    const s = spec(skip, cin);
    const { params, state } = initModel(s, 3);
    params['layer0/bn2/gamma']!.dispose();
    params['layer0/bn2/gamma'] = tf.zeros([3]);
    const y = apply(s, params, state, x, 'eval').logits;
    const out = await values(y);
    y.dispose();
    return { out, params, state, s };
  }

  test('the shortcut: identity adds x, none adds nothing, projection adds skip_bn(1×1 conv x)', async () => {
    const x = tf.randomNormal([2, 4, 4, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const relu = await values(tf.tidy(() => tf.relu(x).reshape([2, -1])));
    const identity = await shortcutOnly('identity', 3, x);
    expect(identity.out).toEqual(relu);
    const none = await shortcutOnly('none', 3, x);
    expect(none.out.every((v) => v === 0)).toBe(true);
    const proj = await shortcutOnly('projection', 3, x);
    const want = tf.tidy(() => {
      const k = proj.params['layer0/skip/kernel'] as tf.Tensor4D;
      // Eval BatchNorm with the initial statistics (0, 1), γ 1, β 0: x / sqrt(1 + eps).
      return tf.relu(tf.conv2d(x, k, 1, 'same').div(Math.sqrt(1 + 1e-5))).reshape([2, -1]);
    });
    const w = await values(want);
    proj.out.forEach((v, i) => expect(v).toBeCloseTo(w[i]!, 5));
    for (const r of [identity, none, proj]) [r.params, r.state].forEach((m) => disposeParams(m));
    tf.dispose([x, want]);
  });

  test('train mode updates all three BatchNorms; fused and plain paths agree; no leaks', async () => {
    const s: ModelSpec = {
      input: [6, 6, 2],
      layers: [block(4, 'projection'), block(4, 'identity'), { type: 'gelu' }, { type: 'flatten' }],
    };
    s.layers.push({ type: 'dense', units: 3, bias: true });
    const { params, state } = initModel(s, 5);
    const x = tf.randomUniform([5, 6, 6, 2], 0, 1, 'float32', 6) as tf.Tensor4D;
    const y = tf.tensor1d([0, 1, 2, 0, 1], 'int32');
    const before = tf.memory().numTensors;
    const loss = (fused: boolean) =>
      tf.tidy(() => {
        const out = apply(s, params, state, x, 'train', { fused });
        expect(Object.keys(out.state)).toEqual(stateShapes(s).map((t) => t.name));
        tf.dispose(Object.values(out.state));
        return softmaxCrossEntropy(out.logits, y);
      });
    const [a, b] = [loss(true), loss(false)];
    expect((await values(a))[0]).toBeCloseTo((await values(b))[0]!, 6);
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(before);
    [params, state].forEach((m: Params) => disposeParams(m));
    tf.dispose([x, y]);
  });
});
