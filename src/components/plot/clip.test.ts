import { describe, expect, it } from 'vitest';
import { clipInfo, clipNote, clipValue } from './clip';

describe('clipping huge and non-finite losses', () => {
  it('leaves ordinary values alone', () => {
    const info = clipInfo([0.1, 0.5, 2, 8, 30]);
    expect(info.cap).toBeNull();
    expect(clipNote(info)).toBeNull();
    expect(clipValue(8, info.cap)).toBe(8);
  });

  it('caps values far above the rest and NaN/Infinity at 10× the upper quartile', () => {
    const values = [1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 1e30, Number.NaN, Number.POSITIVE_INFINITY];
    const info = clipInfo(values);
    expect(info).toEqual({ cap: 50, clipped: 1, nonFinite: 2 });
    expect(values.map((v) => clipValue(v, info.cap))).toEqual([
      1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 50, 50, 50,
    ]);
    expect(clipNote(info)).toBe(
      'Values above 50.0 clipped (2 not finite): they are drawn at that level.',
    );
  });

  it('says so when nothing is finite', () => {
    const info = clipInfo([Number.NaN, Number.NaN]);
    expect(info.cap).toBeNull();
    expect(clipValue(Number.NaN, info.cap)).toBeNull();
    expect(clipNote(info)).toMatch(/2 values are not finite/);
  });
});
