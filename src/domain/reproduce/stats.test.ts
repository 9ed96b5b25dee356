import { describe, expect, it } from 'vitest';
import {
  bootstrapInterval,
  incompleteBeta,
  logGamma,
  meanSd,
  minSignP,
  signTest,
  studentTCdf,
  studentTQuantile,
  tInterval,
} from './stats';

describe('Student t', () => {
  it('has the textbook 97.5% and 95% quantiles, small df included', () => {
    // Values from any t table (four or more decimals).
    const table: [number, number, number][] = [
      [0.975, 1, 12.7062],
      [0.975, 2, 4.3027],
      [0.975, 4, 2.7764],
      [0.975, 9, 2.2622],
      [0.975, 30, 2.0423],
      [0.95, 4, 2.1318],
      [0.995, 5, 4.0321],
    ];
    for (const [p, df, t] of table) expect(studentTQuantile(p, df)).toBeCloseTo(t, 4);
    // Large df: the normal quantile.
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.7764, 4);
    expect(studentTQuantile(1.2, 4)).toBeNaN();
  });

  it('has closed-form CDF values (Cauchy for df 1, the df 2 formula)', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTCdf(-1, 1)).toBeCloseTo(0.25, 12);
    // df 2: F(t) = ½ + t / (2√(2 + t²)).
    expect(studentTCdf(2, 2)).toBeCloseTo(0.5 + 1 / Math.sqrt(6), 12);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
  });

  it('builds on exact special functions', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // I_x(1, 1) = x and I_x(2, 1) = x².
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.7, 2, 1)).toBeCloseTo(0.49, 12);
  });
});

describe('intervals', () => {
  it('gives mean ± t·sd/√n, computed by hand for 1..5', () => {
    // sd = √2.5, se = √0.5, half-width = 2.776445·0.707107 = 1.963243.
    const ci = tInterval([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.low).toBeCloseTo(1.036757, 5);
    expect(ci.high).toBeCloseTo(4.963243, 5);
    expect(meanSd([1, 2, 3, 4, 5]).sd).toBeCloseTo(Math.sqrt(2.5), 12);
  });

  it('has no interval below two finite values', () => {
    expect(tInterval([0.3]).low).toBeNaN();
    expect(tInterval([0.3, NaN, 0.2]).high).toBeNaN();
    expect(meanSd([]).mean).toBeNaN();
  });

  it('bootstraps the same interval for the same seed, inside the data range', () => {
    const xs = [0.1, 0.25, 0.3, 0.32, 0.4];
    const a = bootstrapInterval(xs, { seed: 7 });
    expect(bootstrapInterval(xs, { seed: 7 })).toEqual(a);
    expect(a.low).toBeGreaterThanOrEqual(0.1);
    expect(a.high).toBeLessThanOrEqual(0.4);
    expect(a.low).toBeLessThan(a.mean);
    expect(a.high).toBeGreaterThan(a.mean);
    // Narrower than the t interval with five values: why verdicts use t.
    const t = tInterval(xs);
    expect(a.high - a.low).toBeLessThan(t.high - t.low);
  });
});

describe('sign test', () => {
  it('is the exact binomial two-sided p-value', () => {
    expect(signTest([1, 2, 3, 4, 5]).p).toBe(0.0625);
    expect(signTest([-1, -2, -3, -4, -5]).p).toBe(0.0625);
    // 5 of 6 positive: 2·(1 + 6)/64.
    expect(signTest([1, 2, -1, 3, 4, 5]).p).toBeCloseTo(0.21875, 15);
    expect(signTest(Array.from({ length: 10 }, (_, i) => i + 1)).p).toBeCloseTo(2 / 1024, 15);
    expect(signTest([1, -1]).p).toBe(1);
  });

  it('drops ties and says how many seeds it used', () => {
    expect(signTest([0, 1, 2])).toEqual({ p: 0.5, positive: 2, n: 2 });
    expect(signTest([])).toEqual({ p: 1, positive: 0, n: 0 });
  });

  it('cannot reach 0.05 with five seeds', () => {
    expect(minSignP(5)).toBe(0.0625);
    expect(minSignP(6)).toBe(0.03125);
  });
});
