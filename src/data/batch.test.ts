import { describe, expect, it } from 'vitest';
import { exampleShape, gatherImages, gatherLabels } from './batch';

describe('gatherImages', () => {
  // Three 4-pixel images; image i holds values 10i .. 10i+3, image 2 spans the full range.
  const images = Uint8Array.of(0, 1, 2, 3, 10, 11, 12, 13, 0, 51, 128, 255);

  it('copies the chosen images in the given order, scaled to [0, 1]', () => {
    const out = gatherImages(images, [2, 0], 4);
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual([0, 51, 128, 255, 0, 1, 2, 3].map((v) => Math.fround(v / 255)));
    expect(out[3]).toBe(1);
    expect(out[1]).toBe(Math.fround(0.2));
  });

  it('accepts typed index arrays, repeats and an empty selection', () => {
    const out = gatherImages(images, Int32Array.of(1, 1), 4);
    expect(Array.from(out.subarray(4))).toEqual(Array.from(out.subarray(0, 4)));
    expect(out[0]).toBe(Math.fround(10 / 255));
    expect(gatherImages(images, [], 4).length).toBe(0);
  });

  it('uses 784 pixels per image by default', () => {
    const two = Uint8Array.from({ length: 2 * 784 }, (_, i) => (i < 784 ? 0 : 255));
    const out = gatherImages(two, [1]);
    expect(out.length).toBe(784);
    expect(out.every((v) => v === 1)).toBe(true);
  });

  it('rejects out-of-range indices and a ragged image buffer', () => {
    expect(() => gatherImages(images, [3], 4)).toThrow(/index 3 at position 0 is outside 0..2/);
    expect(() => gatherImages(images, [-1], 4)).toThrow(RangeError);
    expect(() => gatherImages(images, [0], 5)).toThrow(/whole number of 5-pixel images/);
  });
});

describe('float32 examples (toy points)', () => {
  it('are copied unscaled and shaped [1, 1, D]', () => {
    const images = Float32Array.of(-5.5, 2, 0.25, 7);
    expect(Array.from(gatherImages(images, [1, 0], 2))).toEqual([0.25, 7, -5.5, 2]);
    expect(exampleShape({ images, labels: Uint8Array.of(0, 1), count: 2 })).toEqual([1, 1, 2]);
    expect(
      exampleShape({ images: new Uint8Array(784), labels: Uint8Array.of(0), count: 1 }),
    ).toEqual([28, 28, 1]);
  });
});

describe('gatherLabels', () => {
  it('widens the chosen labels to int32', () => {
    const out = gatherLabels(Uint8Array.of(7, 3, 9), [2, 0, 2]);
    expect(out).toBeInstanceOf(Int32Array);
    expect(Array.from(out)).toEqual([9, 7, 9]);
    expect(() => gatherLabels(Uint8Array.of(1), [1])).toThrow(RangeError);
  });
});
