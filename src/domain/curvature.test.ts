import { describe, expect, it } from 'vitest';
import { convexitySummary, curvatureRatio, ratioMatrix } from './curvature';

describe('the convexity summary', () => {
  const map = {
    lambdaMin: [
      [-0.5, 0.01],
      [-0.04, -2],
    ],
    lambdaMax: [
      [1, 1],
      [1, 4],
    ],
    converged: [
      [true, true],
      [false, true],
    ],
  };

  it('maps |λ_min/λ_max| point by point', () => {
    expect(curvatureRatio(-0.5, 2)).toBe(0.25);
    expect(ratioMatrix(map)).toEqual([
      [0.5, 0.01],
      [0.04, 0.5],
    ]);
  });

  it('counts λ_min < −ε·λ_max, averages the ratio and counts unconverged points', () => {
    const s = convexitySummary(map, 0.05);
    // −0.5 < −0.05 and −2 < −0.2; −0.04 > −0.05 and 0.01 are not markedly negative.
    expect(s.negativeShare).toBe(0.5);
    expect(s.meanRatio).toBeCloseTo((0.5 + 0.01 + 0.04 + 0.5) / 4, 12);
    expect(s.unconverged).toBe(1);
    expect(s.points).toBe(4);
    expect(convexitySummary(map, 0.01).negativeShare).toBe(0.75);
  });
});
