/**
 * The statistics behind a verdict, for a handful of paired seeds: the mean paired effect with a
 * Student-t 95% confidence interval, a seeded percentile bootstrap as a cross-check, and the
 * exact two-sided sign test. Pure (the bootstrap draws from the domain's seeded generator), so every number is unit-tested against
 * hand-computed values.
 */
import { makeRng } from '../random';

/** Mean and sample standard deviation (n − 1; 0 for one value, NaN for none). */
export function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(v) };
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: ~15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  // Reflection keeps the series in its accurate range.
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const num of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  // The fraction converges fast only below the mean; use the symmetry above it.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t (bisection on the CDF, to ~1e-12). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

/** mean ± t_{(1+level)/2, n−1}·sd/√n; NaN bounds below two finite values. */
export function tInterval(xs: readonly number[], level = 0.95): Interval {
  const { mean, sd } = meanSd(xs);
  const n = xs.length;
  if (n < 2 || !xs.every(Number.isFinite)) return { mean, low: NaN, high: NaN };
  const half = (studentTQuantile((1 + level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean, low: mean - half, high: mean + half };
}

/** C(n, k)·2^−n summed for k = 0..j: P(X ≤ j) for X ~ Binomial(n, ½), exactly for small n. */
function binomialHalfCdf(j: number, n: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k <= j; k++) {
    sum += term;
    term = (term * (n - k)) / (k + 1);
  }
  return sum / 2 ** n;
}

/**
 * Exact two-sided sign test of "the median effect is 0": ties (exact zeros) are dropped, then
 * p = min(1, 2·P(X ≤ min(k, n − k))) with X ~ Binomial(n, ½). With n seeds the smallest p is
 * 2^(1−n): 0.0625 for 5, so five seeds alone can never reach p < 0.05 this way.
 */
export function signTest(xs: readonly number[]): { p: number; positive: number; n: number } {
  const signed = xs.filter((x) => Number.isFinite(x) && x !== 0);
  const n = signed.length;
  const positive = signed.filter((x) => x > 0).length;
  if (n === 0) return { p: 1, positive: 0, n: 0 };
  return { p: Math.min(1, 2 * binomialHalfCdf(Math.min(positive, n - positive), n)), positive, n };
}

/** The smallest two-sided sign-test p-value n seeds can give. */
export const minSignP = (n: number): number => (n < 1 ? 1 : Math.min(1, 2 ** (1 - n)));

/**
 * Percentile bootstrap interval of the mean (seeded). With five values it is narrower than the t
 * interval (it ignores that the spread itself is estimated), so verdicts use the t interval.
 */
export function bootstrapInterval(
  xs: readonly number[],
  { level = 0.95, resamples = 10_000, seed = 1 } = {},
): Interval {
  const { mean } = meanSd(xs);
  const n = xs.length;
  if (n < 2 || !xs.every(Number.isFinite)) return { mean, low: NaN, high: NaN };
  const next = makeRng(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[Math.floor(next() * n)]!;
    means[r] = s / n;
  }
  means.sort();
  const at = (q: number) =>
    means[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))]!;
  return { mean, low: at((1 - level) / 2), high: at((1 + level) / 2) };
}
