import { describe, expect, it } from 'vitest';
import type { Claim } from './presets';
import {
  barrier,
  decide,
  effectDefinition,
  formatEffect,
  judge,
  type SeedMeasures,
} from './verdict';

const lower: Claim = {
  kind: 'lower',
  text: 'SAM has a lower λ_max than SGD',
  measure: 'lambdaMax',
  a: 'sam',
  b: 'sgd',
  relative: true,
};

/** Seeds with SAM's and SGD's λ_max (SAM's barrier = its λ_max, for the level claims). */
function seeds(sam: number[], sgd = sam.map(() => 10)): SeedMeasures[] {
  return sam.map((s, i) => ({
    seed: i + 1,
    runs: {
      sam: { runId: `a${i}`, testAcc: 0.9, lambdaMax: s, barrier: s },
      sgd: { runId: `b${i}`, testAcc: 0.8 + i / 100, lambdaMax: sgd[i]! },
    },
  }));
}

describe('verdicts', () => {
  it('supports a claim when the 95% t interval of the paired effects excludes 0 its way', () => {
    const r = judge(lower, seeds([4, 4.5, 3.8, 4.2, 4.1]));
    // Effects −0.6, −0.55, −0.62, −0.58, −0.59: mean −0.588, sd √0.00067 = 0.025884,
    // half-width 2.776445·0.025884/√5 = 0.032140.
    expect(r.effects.map((e) => Number(e.toFixed(12)))).toEqual([-0.6, -0.55, -0.62, -0.58, -0.59]);
    expect(r.interval.mean).toBeCloseTo(-0.588, 12);
    expect(r.interval.low).toBeCloseTo(-0.62014, 5);
    expect(r.interval.high).toBeCloseTo(-0.55586, 5);
    expect(r.direction).toBe(-1);
    expect(r.p).toBe(0.0625);
    expect(r.n).toBe(5);
    expect(r.verdict).toBe('supported');
    expect(r.measured).toBe('SAM 4.12 ± 0.259 vs SGD 10 ± 0 (5 seeds)');
  });

  it('contradicts a claim when the interval excludes 0 the other way', () => {
    expect(judge(lower, seeds([12, 13, 12.5, 12.2, 12.8])).verdict).toBe('contradicted');
  });

  it('is inconclusive when every seed agrees but the interval still holds 0', () => {
    // The old rule ("every seed points the claimed way") said supported here.
    const r = judge(lower, seeds([9.9, 9.8, 9.9, 1, 9.9]));
    expect(r.effects.every((e) => e < 0)).toBe(true);
    // Mean −0.19, sd 0.39693, half-width 0.49285.
    expect(r.interval.low).toBeCloseTo(-0.68285, 4);
    expect(r.interval.high).toBeCloseTo(0.30285, 4);
    expect(r.verdict).toBe('inconclusive');
    expect(judge(lower, seeds([5, 12, 8, 11, 9])).verdict).toBe('inconclusive');
  });

  it('decides nothing below two seeds, or with a seed that measured nothing', () => {
    expect(judge(lower, seeds([5])).verdict).toBe('inconclusive');
    const gap = judge(lower, seeds([4, 4.5, NaN, 4.2, 4.1]));
    expect(gap.verdict).toBe('inconclusive');
    expect(gap.n).toBe(4);
    expect(gap.interval.low).toBeNaN();
    expect(judge(lower, []).verdict).toBe('inconclusive');
    expect(decide({ mean: 1, low: NaN, high: 2 }, 1)).toBe('inconclusive');
    expect(decide({ mean: 1, low: 0.5, high: 2 }, 1)).toBe('supported');
    expect(decide({ mean: 0, low: -0.5, high: 2 }, 1)).toBe('inconclusive');
  });

  it('judges test error as a difference of errors, from accuracy', () => {
    const error: Claim = { ...lower, measure: 'testError', relative: false };
    // SAM's error 0.1 against SGD's 0.2, 0.19, 0.18: differences −0.1, −0.09, −0.08.
    const r = judge(error, seeds([1, 1, 1]));
    expect(r.effects.map((e) => Number(e.toFixed(12)))).toEqual([-0.1, -0.09, -0.08]);
    expect(r.verdict).toBe('supported');
    expect(formatEffect(error, r.interval.mean)).toBe('−9 pp');
    expect(effectDefinition(error)).toBe('SAM − SGD');
    expect(effectDefinition(lower)).toBe('(SAM − SGD) / SGD');
    expect(formatEffect(lower, -0.588)).toBe('−58.8%');
  });

  it('judges barriers against their tolerance, both ways', () => {
    const none: Claim = {
      kind: 'nearZero',
      text: '',
      measure: 'barrier',
      a: 'sam',
      tolerance: 0.02,
    };
    const some: Claim = { ...none, kind: 'positive' };
    const flat = seeds([0.001, 0, 0.002, 0, 0.001]);
    expect(judge(none, flat).verdict).toBe('supported');
    expect(judge(some, flat).verdict).toBe('contradicted');
    const high = seeds([0.5, 0.3, 0.4, 0.45, 0.35]);
    expect(judge(some, high).verdict).toBe('supported');
    expect(judge(some, high).effects[0]).toBeCloseTo(0.48, 12);
    expect(judge(some, seeds([0.5, 0, 0.3, 0, 0.01])).verdict).toBe('inconclusive');
    expect(effectDefinition(some)).toBe('barrier − 0.02');
  });

  it('measures the barrier above the chord between the ends', () => {
    expect(barrier([0, 0.5, 1], [1, 2, 3])).toBeCloseTo(0, 12);
    expect(barrier([0, 0.5, 1], [1, 3.5, 3])).toBeCloseTo(1.5, 12);
    // Below the chord everywhere: no barrier.
    expect(barrier([0, 0.5, 1], [1, 0.2, 1])).toBe(0);
  });
});
