import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installFastCpuKernels } from './index';

/** Reference: dW by brute force from the definition, in float64. */
function naive(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  xv: Float32Array,
  dyv: Float32Array,
  k: number,
  pad: number,
) {
  const [N, H, W, C] = x.shape;
  const [, OH, OW, O] = dy.shape;
  const out = new Float64Array(k * k * C * O);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++)
      for (let c = 0; c < C; c++)
        for (let o = 0; o < O; o++) {
          let s = 0;
          for (let n = 0; n < N; n++)
            for (let i = 0; i < OH; i++)
              for (let j = 0; j < OW; j++) {
                const ih = i + a - pad;
                const iw = j + b - pad;
                if (ih < 0 || iw < 0 || ih >= H || iw >= W) continue;
                s += xv[((n * H + ih) * W + iw) * C + c]! * dyv[((n * OH + i) * OW + j) * O + o]!;
              }
          out[((a * k + b) * C + c) * O + o] = s;
        }
  return out;
}

describe('fast CPU Conv2DBackpropFilter', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installFastCpuKernels();
  });

  for (const padding of ['valid', 'same'] as const) {
    it(`matches the definition with ${padding} padding`, async () => {
      const x = tf.randomNormal([3, 7, 6, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
      const k = 3;
      const pad = padding === 'same' ? 1 : 0;
      const oh = padding === 'same' ? 7 : 5;
      const ow = padding === 'same' ? 6 : 4;
      const dy = tf.randomNormal([3, oh, ow, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
      // d/dw Σ conv2d(x, w)·dy is exactly Conv2DBackpropFilter(x, dy).
      const w0 = tf.zeros([k, k, 2, 4]) as tf.Tensor4D;
      const dw = tf.grad((w: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, 1, padding), dy)),
      )(w0);
      const want = naive(
        x,
        dy,
        (await x.data()) as Float32Array,
        (await dy.data()) as Float32Array,
        k,
        pad,
      );
      const got = await dw.data();
      expect(got.length).toBe(want.length);
      want.forEach((w, i) => expect(got[i]!).toBeCloseTo(w, 4));
      tf.dispose([x, dy, dw, w0]);
    });
  }
});

describe('fast CPU MaxPoolGrad', () => {
  it('routes each gradient to the first maximum of its window, like the stock kernel', async () => {
    await tf.setBackend('cpu');
    installFastCpuKernels();
    // Ties on purpose: the first maximum in row-major order must win.
    const x = tf.tensor4d([1, 3, 3, 0, 2, 2, 5, 5, 7, 1, 1, 9, 4, 4, 4, 4], [1, 4, 4, 1]);
    const dx = tf.grad((v: tf.Tensor) =>
      tf.sum(
        tf.mul(
          tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid'),
          tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]),
        ),
      ),
    )(x);
    expect(Array.from(await dx.data())).toEqual([0, 1, 0, 0, 0, 0, 2, 0, 3, 0, 0, 4, 0, 0, 0, 0]);
    tf.dispose([x, dx]);
  });
});
