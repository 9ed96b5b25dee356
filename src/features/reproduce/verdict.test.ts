import { describe, expect, it } from 'vitest';
import type { Claim } from './presets';
import { barrier, judge, meanSpread, type SeedMeasures } from './verdict';

const lower: Claim = {
  kind: 'lower',
  text: 'SAM has a lower λ_max than SGD',
  measure: 'lambdaMax',
  a: 'sam',
  b: 'sgd',
  relative: true,
  tolerance: 0.05,
};

function seeds(pairs: [number, number][]): SeedMeasures[] {
  return pairs.map(([sam, sgd], i) => ({
    seed: i + 1,
    runs: {
      sam: { runId: `a${i}`, testAcc: 0.9, lambdaMax: sam, barrier: sam },
      sgd: { runId: `b${i}`, testAcc: 0.8, lambdaMax: sgd },
    },
  }));
}

describe('verdicts', () => {
  it('supports a claim only when every seed agrees beyond the tolerance', () => {
    expect(
      judge(
        lower,
        seeds([
          [5, 10],
          [8, 10],
        ]),
      ).verdict,
    ).toBe('supported');
    expect(
      judge(
        lower,
        seeds([
          [12, 10],
          [15, 10],
        ]),
      ).verdict,
    ).toBe('not supported');
    // Mixed seeds, or a difference within the tolerance, decide nothing.
    expect(
      judge(
        lower,
        seeds([
          [5, 10],
          [12, 10],
        ]),
      ).verdict,
    ).toBe('inconclusive');
    expect(judge(lower, seeds([[9.9, 10]])).verdict).toBe('inconclusive');
    expect(judge(lower, seeds([[NaN, 10]])).verdict).toBe('inconclusive');
    expect(judge(lower, []).verdict).toBe('inconclusive');
  });

  it('reports the per-seed effects and mean ± spread it measured', () => {
    const r = judge(
      lower,
      seeds([
        [5, 10],
        [8, 10],
      ]),
    );
    expect(r.effects[0]).toBeCloseTo(0.5, 12);
    expect(r.effects[1]).toBeCloseTo(0.2, 12);
    expect(r.measured).toBe('SAM 6.5 ± 2.12 vs SGD 10 ± 0 (2 seeds)');
  });

  it('judges test error from accuracy and barriers against their tolerance', () => {
    const error: Claim = { ...lower, measure: 'testError', relative: false, tolerance: 0.005 };
    expect(judge(error, seeds([[1, 1]])).verdict).toBe('supported');
    const none: Claim = {
      kind: 'nearZero',
      text: '',
      measure: 'barrier',
      a: 'sam',
      tolerance: 0.02,
    };
    const some: Claim = { ...none, kind: 'positive' };
    expect(
      judge(
        none,
        seeds([
          [0.001, 0],
          [0, 0],
        ]),
      ).verdict,
    ).toBe('supported');
    expect(
      judge(
        some,
        seeds([
          [0.001, 0],
          [0, 0],
        ]),
      ).verdict,
    ).toBe('not supported');
    expect(
      judge(
        some,
        seeds([
          [0.5, 0],
          [0.3, 0],
        ]),
      ).verdict,
    ).toBe('supported');
    expect(
      judge(
        some,
        seeds([
          [0.5, 0],
          [0, 0],
        ]),
      ).verdict,
    ).toBe('inconclusive');
  });

  it('measures the barrier above the chord between the ends', () => {
    expect(barrier([0, 0.5, 1], [1, 2, 3])).toBeCloseTo(0, 12);
    expect(barrier([0, 0.5, 1], [1, 3.5, 3])).toBeCloseTo(1.5, 12);
    // Below the chord everywhere: no barrier.
    expect(barrier([0, 0.5, 1], [1, 0.2, 1])).toBe(0);
    expect(meanSpread([1, 3]).sd).toBeCloseTo(Math.SQRT2, 12);
  });
});
