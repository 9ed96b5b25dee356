import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, stepsPerSecond } from './progress';

describe('estimateRemainingMs', () => {
  it('extrapolates from the average step time', () => {
    expect(estimateRemainingMs(10, 100, 2_000)).toBe(18_000);
    expect(estimateRemainingMs(100, 100, 2_000)).toBe(0);
  });

  it('is unknown before the first step', () => {
    expect(estimateRemainingMs(0, 100, 0)).toBeNull();
    expect(estimateRemainingMs(5, 0, 100)).toBeNull();
  });

  it('computes throughput', () => {
    expect(stepsPerSecond(50, 2_000)).toBe(25);
    expect(stepsPerSecond(0, 2_000)).toBeNull();
    expect(stepsPerSecond(5, 0)).toBeNull();
  });
});
