import { describe, expect, test } from 'vitest';
import { activationShapes, countParams, type LayerSpec, type ModelSpec } from './model';

const spec = (input: [number, number, number], ...layers: LayerSpec[]): ModelSpec => ({
  input,
  layers,
});
const res = (filters: number, skip: 'identity' | 'projection' | 'none', kernel = 3): LayerSpec => ({
  type: 'residual',
  filters,
  kernel,
  skip,
  eps: 1e-5,
  momentum: 0.1,
});
const dense = (units: number): LayerSpec => ({ type: 'dense', units, bias: true });
const flatten: LayerSpec = { type: 'flatten' };

describe('activationShapes: the builder validation', () => {
  test('shapes through residual blocks, pools and flatten', () => {
    const s = spec(
      [8, 8, 1],
      res(4, 'projection'),
      res(4, 'identity'),
      { type: 'avgpool', size: 2 },
      { type: 'gelu' },
      flatten,
      dense(3),
    );
    expect(activationShapes(s)).toEqual([
      [8, 8, 1],
      [8, 8, 4],
      [8, 8, 4],
      [4, 4, 4],
      [4, 4, 4],
      [64],
      [3],
    ]);
    // conv 9·1·4 + 9·4·4, 1×1 skip 4, three BatchNorms 3·8; second block 2·144 + 16; dense 64·3 + 3.
    expect(countParams(s)).toBe(36 + 144 + 4 + 24 + 288 + 16 + 195);
  });

  test.each<[string, ModelSpec, RegExp]>([
    [
      'dense on an image',
      spec([4, 4, 1], dense(3)),
      /layer0 \(dense\) needs a flat input, got \[4, 4, 1\] \(add a flatten/,
    ],
    [
      'conv after flatten',
      spec([4, 4, 1], flatten, {
        type: 'conv2d',
        filters: 2,
        kernel: 3,
        padding: 'same',
        bias: true,
      }),
      /layer1 \(conv2d\) needs an \[H, W, C\] input, got \[16\]/,
    ],
    [
      'a valid conv larger than its input',
      spec([2, 2, 1], { type: 'conv2d', filters: 2, kernel: 3, padding: 'valid', bias: true }),
      /layer0 \(conv2d\) gives an empty output from \[2, 2, 1\]/,
    ],
    [
      'a pool larger than its input',
      spec([3, 3, 2], { type: 'maxpool', size: 4 }),
      /layer0 \(maxpool\) gives an empty output/,
    ],
    [
      'an identity skip across a change of channels',
      spec([4, 4, 2], res(3, 'identity')),
      /identity skip needs 3 input channels, got 2 \(use a 1×1 projection skip\)/,
    ],
    [
      'an even residual kernel',
      spec([4, 4, 2], res(2, 'projection', 2)),
      /layer0 \(residual\) needs an odd kernel/,
    ],
    ['zero units', spec([4, 4, 1], flatten, dense(0)), /layer1 \(dense\) needs units ≥ 1/],
    ['a fractional filter count', spec([4, 4, 1], res(2.5, 'none')), /needs filters ≥ 1/],
  ])('%s is refused with a message naming the layer', (_, s, message) => {
    expect(() => activationShapes(s)).toThrow(message);
  });
});
