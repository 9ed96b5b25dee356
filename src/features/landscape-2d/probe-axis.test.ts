import { describe, expect, it } from 'vitest';
import { linspace } from '../../domain/slice';
import { coordAt, probeAxis, snap, stepAt, stepsPerSide } from './probe-axis';

describe('2D slider steps', () => {
  it('has about a hundred steps, a whole number per grid interval, centre included', () => {
    for (const points of [2, 3, 4, 5, 7, 11, 21, 25, 51, 101]) {
      const k = stepsPerSide(points);
      expect(Number.isInteger(k)).toBe(true);
      expect((2 * k) % (points - 1)).toBe(0);
      expect(2 * k).toBeGreaterThanOrEqual(90);
      expect(2 * k).toBeLessThanOrEqual(120);
    }
  });

  it('reaches every grid point and exactly 0 and the ends', () => {
    for (const points of [3, 4, 7, 21]) {
      const a = linspace(-0.8, 0.8, points);
      const axis = probeAxis(a);
      expect(coordAt(axis, 0)).toBe(0);
      expect(coordAt(axis, axis.k)).toBe(0.8);
      expect(coordAt(axis, -axis.k)).toBe(-0.8);
      for (const x of a) expect(coordAt(axis, stepAt(axis, x))).toBeCloseTo(x, 12);
    }
  });

  it('snaps clicks and out-of-range positions onto the slider', () => {
    const axis = probeAxis(linspace(-1, 1, 5));
    expect(axis.k).toBe(50);
    expect(snap(axis, 0.333)).toBeCloseTo(0.34, 12);
    expect(snap(axis, 7)).toBe(1);
    expect(snap(axis, -7)).toBe(-1);
    expect(stepAt(probeAxis([0]), 3)).toBe(0);
  });
});
