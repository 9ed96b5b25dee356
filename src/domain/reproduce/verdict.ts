/**
 * From what a preset measured to whether it supports each observation. Pure: the numbers come
 * from this run only. A verdict is a statistic of the paired per-seed effects: "supported" only
 * when their 95% Student-t interval excludes 0 on the claimed side, "contradicted" when it
 * excludes 0 on the other, else "inconclusive". The exact sign test is reported beside it.
 */
import type { Claim, Measure } from './preset-types';
import { meanSd, signTest, tInterval, type Interval } from './stats';

/** What one seed measured for one arm's solution (absent: not measured). */
export interface RunMeasures {
  runId: string;
  /** Accuracy on the preset's test images (the whole test set for full presets). */
  testAcc: number;
  /** Loss on the whole training subset, with the labels it was trained on. */
  trainLoss?: number;
  basinWidth?: number;
  lambdaMax?: number;
  /** θ(α) barrier from the same seed's baseline solution (the first arm: SGD) to this one. */
  barrier?: number;
  /** Test error of FGE's ensemble (of the solution for other runs) on the preset's test images. */
  ensembleTestError?: number;
  /** m-sharpness of the solution on the training sample (Foret et al. 2021 §4.1). */
  mSharpness?: number;
  /** Barrier along a trained one-bend curve from the baseline solution to this one. */
  curveBarrier?: number;
  /** Convexity map: share of points with λ_min < −ε·λ_max, and the mean |λ_min/λ_max|. */
  nonConvexShare?: number;
  curvatureRatio?: number;
}

export interface SeedMeasures {
  seed: number;
  /** Keyed by arm id. */
  runs: Partial<Record<string, RunMeasures>>;
}

export type Verdict = 'supported' | 'contradicted' | 'inconclusive';

export interface ClaimResult {
  claim: Claim;
  verdict: Verdict;
  /** What was measured, e.g. "SWA 0.41 ± 0.03 vs SGD 0.29 ± 0.02 (5 seeds)". */
  measured: string;
  /** What the effect is, e.g. "(SAM − SGD) / SGD" ({@link effectDefinition}). */
  definition: string;
  /** Per-seed paired effect: a − b (÷|b| when relative), or barrier − tolerance. */
  effects: number[];
  /** The sign the claim predicts for the effect. */
  direction: 1 | -1;
  /** Mean effect and its 95% Student-t interval (NaN bounds below two seeds). */
  interval: Interval;
  /** Exact two-sided sign-test p-value of the effects. */
  p: number;
  /** Seeds with a finite effect. */
  n: number;
}

export function value(run: RunMeasures | undefined, measure: Measure): number {
  if (!run) return NaN;
  if (measure === 'testError') return 1 - run.testAcc;
  return run[measure] ?? NaN;
}

const digits = (x: number) => {
  if (!Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e4 || abs < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
};

/** "0.412 ± 0.031" (the standard deviation over seeds), or the value alone for one seed. */
export function formatMeanSpread(xs: number[]): string {
  const { mean, sd } = meanSd(xs);
  return xs.length > 1 ? `${digits(mean)} ± ${digits(sd)}` : digits(mean);
}

/** The interval decides; a missing interval (fewer than two finite effects) decides nothing. */
export function decide(interval: Interval, direction: 1 | -1): Verdict {
  const { low, high } = interval;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return 'inconclusive';
  if (direction * low > 0 && direction * high > 0) return 'supported';
  if (direction * low < 0 && direction * high < 0) return 'contradicted';
  return 'inconclusive';
}

/** An arm's name in verdicts; the runner passes the preset's labels. */
export type ArmNames = (armId: string) => string;

const UPPER: ArmNames = (id) => id.toUpperCase();

type Comparison = Extract<Claim, { kind: 'lower' | 'higher' }>;
type Level = Extract<Claim, { kind: 'nearZero' | 'positive' }>;

const isComparison = (c: Claim): c is Comparison => c.kind === 'lower' || c.kind === 'higher';

const seedCount = (n: number) => `(${n} seed${n === 1 ? '' : 's'})`;

function result(
  claim: Claim,
  effects: number[],
  direction: 1 | -1,
  text: { measured: string; definition: string },
): ClaimResult {
  const finite = effects.filter(Number.isFinite);
  // A seed without a number makes the whole test void rather than quietly smaller.
  const interval =
    finite.length === effects.length ? tInterval(effects) : { mean: NaN, low: NaN, high: NaN };
  const { p } = signTest(finite);
  const verdict = decide(interval, direction);
  return { claim, verdict, ...text, effects, direction, interval, p, n: finite.length };
}

function judgeComparison(claim: Comparison, seeds: SeedMeasures[], name: ArmNames): ClaimResult {
  const as = seeds.map((s) => value(s.runs[claim.a], claim.measure));
  const bs = seeds.map((s) => value(s.runs[claim.b], claim.measure));
  const effects = as.map((a, i) => {
    const b = bs[i]!;
    return claim.relative ? (a - b) / Math.abs(b) : a - b;
  });
  const measured = `${name(claim.a)} ${formatMeanSpread(as)} vs ${name(claim.b)} ${formatMeanSpread(bs)} ${seedCount(seeds.length)}`;
  const definition = effectDefinition(claim, name);
  return result(claim, effects, claim.kind === 'higher' ? 1 : -1, { measured, definition });
}

function judgeLevel(claim: Level, seeds: SeedMeasures[], name: ArmNames, from: string) {
  const as = seeds.map((s) => value(s.runs[claim.a], claim.measure));
  const path = claim.measure === 'curveBarrier' ? 'curve barrier' : 'barrier';
  const measured = `${from} → ${name(claim.a)} ${path} ${formatMeanSpread(as)} ${seedCount(seeds.length)}`;
  const effects = as.map((b) => b - claim.tolerance);
  const definition = effectDefinition(claim, name);
  return result(claim, effects, claim.kind === 'positive' ? 1 : -1, { measured, definition });
}

/**
 * The verdict of one claim over all seeds, with the numbers behind it. `name` gives the arms'
 * names and `baseline` the name of the arm barriers start from (default: ids in capitals, SGD).
 */
export function judge(
  claim: Claim,
  seeds: SeedMeasures[],
  name: ArmNames = UPPER,
  baseline = 'SGD',
): ClaimResult {
  return isComparison(claim)
    ? judgeComparison(claim, seeds, name)
    : judgeLevel(claim as Level, seeds, name, baseline);
}

/** An effect as the table shows it: relative ones in %, test error in points, barriers as is. */
export function formatEffect(claim: Claim, x: number): string {
  if (!Number.isFinite(x)) return '—';
  const sign = x > 0 ? '+' : x < 0 ? '−' : '';
  if (isComparison(claim) && claim.relative) return `${sign}${digits(Math.abs(100 * x))}%`;
  if (claim.measure === 'testError') return `${sign}${digits(Math.abs(100 * x))} pp`;
  return `${sign}${digits(Math.abs(x))}`;
}

/** What the effect is, for the table's header of each row, e.g. "(SAM − SGD)/SGD". */
export function effectDefinition(claim: Claim, name: ArmNames = UPPER): string {
  if (!isComparison(claim)) {
    return `${claim.measure === 'curveBarrier' ? 'curve barrier' : 'barrier'} − ${claim.tolerance}`;
  }
  const d = `${name(claim.a)} − ${name(claim.b)}`;
  return claim.relative ? `(${d}) / ${name(claim.b)}` : d;
}

/**
 * max over α ∈ [0, 1] of L(θ(α)) − ((1 − α)·L(θ(0)) + α·L(θ(1))): how far the loss rises above
 * the straight line between the two ends (0 when it never does).
 */
export function barrier(alpha: number[], loss: number[]): number {
  const n = alpha.length;
  if (n < 2) return NaN;
  const a0 = alpha[0]!;
  const a1 = alpha[n - 1]!;
  const l0 = loss[0]!;
  const l1 = loss[n - 1]!;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const f = (alpha[i]! - a0) / (a1 - a0);
    worst = Math.max(worst, loss[i]! - ((1 - f) * l0 + f * l1));
  }
  return worst;
}
