import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dBackpropInputKernel } from './cpu-conv-backprop-input';
import { conv2dKernel } from './cpu-conv2d';
import { maxPoolKernel } from './cpu-max-pool';
import { sumKernel } from './cpu-sum';
import { installFastCpuKernels } from './index';

interface Pad {
  top: number;
  left: number;
}

/** TensorFlow's padding before the image: 'same' splits the total, the extra pixel at the end. */
function padding(mode: 'valid' | 'same', inSize: number[], out: number[], k: number, s: number) {
  const before = (i: number) =>
    mode === 'valid' ? 0 : Math.floor(Math.max((out[i]! - 1) * s + k - inSize[i]!, 0) / 2);
  return { top: before(0), left: before(1) };
}

/** Zero-padded NHWC reader for the definitions below. */
function reader(xv: Float32Array, [, H, W, C]: number[], stride: number, pad: Pad) {
  return (n: number, i: number, j: number, a: number, b: number, c: number): number => {
    const ih = i * stride + a - pad.top;
    const iw = j * stride + b - pad.left;
    if (ih < 0 || iw < 0 || ih >= H! || iw >= W!) return 0;
    return xv[((n * H! + ih) * W! + iw) * C! + c]!;
  };
}

interface Case {
  name: string;
  shape: [number, number, number, number];
  k: number;
  O: number;
  stride: number;
  padding: 'valid' | 'same';
}

/** Output height and width as TensorFlow computes them. */
function outSize(c: Case): [number, number] {
  const size = (n: number) =>
    c.padding === 'same' ? Math.ceil(n / c.stride) : Math.ceil((n - c.k + 1) / c.stride);
  return [size(c.shape[1]), size(c.shape[2])];
}

/** y[n, i, j, o] = Σ x·w + bias, by the definition in float64 (NHWC, square kernel k). */
function naiveConv(c: Case, xv: Float32Array, wv: Float32Array, bias: Float32Array): number[] {
  const C = c.shape[3];
  const out = outSize(c);
  const x = reader(
    xv,
    c.shape,
    c.stride,
    padding(c.padding, c.shape.slice(1, 3), out, c.k, c.stride),
  );
  const y: number[] = [];
  for (let n = 0; n < c.shape[0]; n++)
    for (let i = 0; i < out[0]; i++)
      for (let j = 0; j < out[1]; j++)
        for (let o = 0; o < c.O; o++) {
          let s = bias[o]!;
          for (let a = 0; a < c.k; a++)
            for (let b = 0; b < c.k; b++)
              for (let ch = 0; ch < C; ch++)
                s += x(n, i, j, a, b, ch) * wv[((a * c.k + b) * C + ch) * c.O + o]!;
          y.push(s);
        }
  return y;
}

const CASES: Case[] = [
  // Six output channels: one block of four plus two left over; three input channels.
  { name: 'valid, stride 1', shape: [2, 7, 6, 3], k: 3, O: 6, stride: 1, padding: 'valid' },
  { name: 'same, stride 1', shape: [2, 5, 5, 3], k: 3, O: 6, stride: 1, padding: 'same' },
  // Width 8 with a 5×5 kernel and stride 2: 'same' pads one column before and two after.
  { name: 'same, stride 2', shape: [1, 7, 8, 2], k: 5, O: 4, stride: 2, padding: 'same' },
  { name: 'valid, one channel', shape: [3, 6, 6, 1], k: 3, O: 1, stride: 1, padding: 'valid' },
];

describe('fast CPU Conv2D / FusedConv2D', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installFastCpuKernels();
  });

  for (const c of CASES) {
    it(`matches the definition (${c.name}), plain and fused with bias and ReLU`, async () => {
      const x = tf.randomNormal(c.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
      const w = tf.randomNormal([c.k, c.k, c.shape[3]!, c.O], 0, 1, 'float32', 4) as tf.Tensor4D;
      const bias = tf.randomNormal([c.O], 0, 1, 'float32', 5) as tf.Tensor1D;
      const plain = tf.conv2d(x, w, c.stride, c.padding);
      const fused = tf.fused.conv2d({
        x,
        filter: w,
        strides: c.stride,
        pad: c.padding,
        bias,
        activation: 'relu',
      });
      expect(plain.shape.slice(1, 3)).toEqual(outSize(c));
      const [xv, wv] = [(await x.data()) as Float32Array, (await w.data()) as Float32Array];
      const wantPlain = naiveConv(c, xv, wv, new Float32Array(c.O));
      const wantFused = naiveConv(c, xv, wv, (await bias.data()) as Float32Array).map((v) =>
        Math.max(0, v),
      );
      const gotPlain = await plain.data();
      const gotFused = await fused.data();
      expect(gotPlain.length).toBe(wantPlain.length);
      wantPlain.forEach((v, i) => expect(gotPlain[i]!).toBeCloseTo(v, 4));
      wantFused.forEach((v, i) => expect(gotFused[i]!).toBeCloseTo(v, 4));
      expect(wantFused.some((v) => v === 0) && wantFused.some((v) => v > 0)).toBe(true);
      tf.dispose([x, w, bias, plain, fused]);
    });
  }

  it('keeps IEEE products with zero inputs when a weight is not finite (0·NaN, 0·∞ are NaN)', async () => {
    const x = tf.tensor4d([0, 0, 0, 1], [1, 2, 2, 1]);
    const w = tf.tensor4d([Number.NaN, 1, Number.POSITIVE_INFINITY, 1], [2, 1, 1, 2]);
    // Output (0, 0): taps x[0,0] = 0 and x[1,0] = 0 with weights [NaN, 1] and [∞, 1].
    const y = tf.conv2d(x, w, 1, 'valid');
    expect(Array.from(await y.data())).toEqual([Number.NaN, 0, Number.NaN, 1]);
    tf.dispose([x, w, y]);
  });

  it('keeps NaN through the ReLU and hands dilated convolutions to the stock kernel', async () => {
    const x = tf.tensor4d([Number.NaN, 1, 2, 3], [1, 2, 2, 1]);
    const w = tf.ones([1, 1, 1, 1]) as tf.Tensor4D;
    const y = tf.fused.conv2d({ x, filter: w, activation: 'relu', strides: 1, pad: 'valid' });
    expect(Array.from(await y.data())).toEqual([Number.NaN, 1, 2, 3]);
    const xd = tf.range(0, 25).reshape([1, 5, 5, 1]) as tf.Tensor4D;
    const wd = tf.ones([2, 2, 1, 1]) as tf.Tensor4D;
    // Dilation 2: taps at (0,0), (0,2), (2,0), (2,2) of each window.
    const yd = tf.conv2d(xd, wd, 1, 'valid', 'NHWC', 2);
    expect(Array.from(await yd.data())).toEqual([24, 28, 32, 44, 48, 52, 64, 68, 72]);
    tf.dispose([x, w, y, xd, wd, yd]);
  });
});

describe('fast CPU Conv2DBackpropInput', () => {
  for (const c of CASES) {
    it(`equals the gradient of Σ conv2d(x, w)·dy by the definition (${c.name})`, async () => {
      await tf.setBackend('cpu');
      installFastCpuKernels();
      const x = tf.randomNormal(c.shape, 0, 1, 'float32', 6) as tf.Tensor4D;
      const w = tf.randomNormal([c.k, c.k, c.shape[3]!, c.O], 0, 1, 'float32', 7) as tf.Tensor4D;
      const outShape = tf.conv2d(x, w, c.stride, c.padding).shape;
      const dy = tf.randomNormal(outShape, 0, 1, 'float32', 8) as tf.Tensor4D;
      const dx = tf.grad((v: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(v as tf.Tensor4D, w, c.stride, c.padding), dy)),
      )(x);
      // d/dx[p] of Σ y·dy: a central difference is exact here (the function is linear in x).
      const xv = (await x.data()) as Float32Array;
      const wv = (await w.data()) as Float32Array;
      const dyv = await dy.data();
      const f = (v: Float32Array) =>
        naiveConv(c, v, wv, new Float32Array(c.O)).reduce((s, y, i) => s + y * dyv[i]!, 0);
      const got = await dx.data();
      for (const p of [0, 5, 17, xv.length - 1]) {
        const plus = Float32Array.from(xv);
        plus[p] = plus[p]! + 1;
        const minus = Float32Array.from(xv);
        minus[p] = minus[p]! - 1;
        expect(got[p]!).toBeCloseTo((f(plus) - f(minus)) / (plus[p]! - minus[p]!), 3);
      }
      tf.dispose([x, w, dy, dx]);
    });
  }
});

describe('fast CPU MaxPool', () => {
  it('takes the window maximum, clipped to the image, and skips NaN like the stock kernel', async () => {
    await tf.setBackend('cpu');
    installFastCpuKernels();
    // 3×3 image, 2 channels; 'same' with stride 2 gives a 2×2 output whose last windows are clipped.
    const a = [1, -5, 3, 2, 0, 4, -1, 8, 6];
    const b = [-9, -8, -7, Number.NaN, -2, -3, -4, -6, -1];
    const x = tf.tensor4d(
      a.flatMap((v, i) => [v, b[i]!]),
      [1, 3, 3, 2],
    );
    const y = tf.maxPool(x, 2, 2, 'same');
    // Channel 0 windows: {1,-5,2,0}, {3,4}, {-1,8}, {6}; channel 1 skips the NaN.
    expect(Array.from(await y.data())).toEqual([2, -2, 4, -3, 8, -4, 6, -1]);
    const valid = tf.maxPool(tf.range(0, 16).reshape([1, 4, 4, 1]) as tf.Tensor4D, 2, 2, 'valid');
    expect(Array.from(await valid.data())).toEqual([5, 7, 13, 15]);
    tf.dispose([x, y, valid]);
  });
});

describe('fast CPU Sum', () => {
  it('reduces all leading axes without a transpose, and leaves other reductions to TF.js', async () => {
    await tf.setBackend('cpu');
    installFastCpuKernels();
    const x = tf.range(0, 24).reshape([2, 3, 4]);
    const lead = tf.sum(x, [0, 1]);
    expect(lead.shape).toEqual([4]);
    // Column c sums c, c+4, …, c+20: 60 + 6c.
    expect(Array.from(await lead.data())).toEqual([60, 66, 72, 78]);
    const kept = tf.sum(x, [1, 0], true);
    expect(kept.shape).toEqual([1, 1, 4]);
    const middle = tf.sum(x, 1);
    expect(Array.from(await middle.data())).toEqual([12, 15, 18, 21, 48, 51, 54, 57]);
    const ints = tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), 0);
    expect(ints.dtype).toBe('int32');
    expect(Array.from(await ints.data())).toEqual([4, 6]);
    tf.dispose([x, lead, kept, middle, ints]);
  });
});

describe('installFastCpuKernels', () => {
  it('takes the engine’s own calls itself rather than handing them to the stock kernels', async () => {
    await tf.setBackend('cpu');
    const backend = tf.backend();
    const x = tf.ones([1, 4, 4, 2]);
    const filter = tf.ones([3, 3, 2, 4]);
    const bias = tf.ones([4]);
    const dy = tf.ones([1, 2, 2, 4]);
    const conv = conv2dKernel({
      inputs: { x, filter, bias },
      backend,
      attrs: { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, activation: 'relu' },
    });
    const dx = conv2dBackpropInputKernel({
      inputs: { dy, filter },
      backend,
      attrs: { inputShape: [1, 4, 4, 2], strides: 1, pad: 'valid', dataFormat: 'NHWC' },
    });
    const pool = maxPoolKernel({
      inputs: { x },
      backend,
      attrs: { filterSize: 2, strides: 2, pad: 'valid' },
    });
    const sum = sumKernel({
      inputs: { x: dy },
      backend,
      attrs: { axis: [0, 1, 2], keepDims: false },
    });
    // 18 ones times ones plus a bias of one; each input pixel of dx sums its taps over 4 outputs.
    expect(conv?.shape).toEqual([1, 2, 2, 4]);
    expect(Array.from(backend.readSync(conv!.dataId) as Float32Array)).toEqual(Array(16).fill(19));
    expect(dx?.shape).toEqual([1, 4, 4, 2]);
    expect(pool?.shape).toEqual([1, 2, 2, 2]);
    expect(Array.from(backend.readSync(sum!.dataId) as Float32Array)).toEqual([4, 4, 4, 4]);
    for (const info of [conv, dx, pool, sum]) backend.disposeData(info!.dataId);
    tf.dispose([x, filter, bias, dy]);
  });
});
