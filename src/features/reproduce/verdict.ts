/**
 * From what a preset measured to whether it supports each observation. Pure: the numbers come
 * from this run only, and the rules are unit-tested.
 */
import type { OptimizerId } from '../../worker/api';
import type { Claim, Measure } from './presets';

/** What one seed measured for one optimizer's solution (absent: not measured). */
export interface RunMeasures {
  runId: string;
  testAcc: number;
  basinWidth?: number;
  lambdaMax?: number;
  /** θ(α) barrier from the same seed's SGD solution to this one. */
  barrier?: number;
}

export interface SeedMeasures {
  seed: number;
  runs: Partial<Record<OptimizerId, RunMeasures>>;
}

export type Verdict = 'supported' | 'not supported' | 'inconclusive';

export interface ClaimResult {
  claim: Claim;
  verdict: Verdict;
  /** What was measured, e.g. "SWA 0.41 ± 0.03 vs SGD 0.29 ± 0.02 (3 seeds)". */
  measured: string;
  /** The per-seed effect the verdict is based on (positive: in the claim's direction). */
  effects: number[];
}

export function value(run: RunMeasures | undefined, measure: Measure): number {
  if (!run) return NaN;
  switch (measure) {
    case 'testAcc':
      return run.testAcc;
    case 'testError':
      return 1 - run.testAcc;
    default:
      return run[measure] ?? NaN;
  }
}

/** Mean and sample standard deviation (0 for one value). */
export function meanSpread(xs: number[]): { mean: number; sd: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(v) };
}

const digits = (x: number) => {
  if (!Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e4 || abs < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
};

/** "0.412 ± 0.031" (the spread over seeds), or the value alone for one seed. */
export function formatMeanSpread(xs: number[]): string {
  const { mean, sd } = meanSpread(xs);
  return xs.length > 1 ? `${digits(mean)} ± ${digits(sd)}` : digits(mean);
}

/** Effects all beyond the tolerance in the claim's direction support it; all against, refute it. */
function compare(effects: number[], tolerance: number): Verdict {
  if (effects.length === 0 || effects.some((e) => !Number.isFinite(e))) return 'inconclusive';
  const { mean } = meanSpread(effects);
  if (effects.every((e) => e > 0) && mean > tolerance) return 'supported';
  if (effects.every((e) => e < 0) && mean < -tolerance) return 'not supported';
  return 'inconclusive';
}

function threshold(values: number[], claim: Claim): Verdict {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return 'inconclusive';
  const below = values.every((v) => v <= claim.tolerance);
  const above = values.every((v) => v > claim.tolerance);
  if (claim.kind === 'nearZero')
    return below ? 'supported' : above ? 'not supported' : 'inconclusive';
  return above ? 'supported' : below ? 'not supported' : 'inconclusive';
}

const NAME = (o: OptimizerId) => o.toUpperCase();

type Comparison = Extract<Claim, { kind: 'lower' | 'higher' }>;
type Level = Extract<Claim, { kind: 'nearZero' | 'positive' }>;

const isComparison = (c: Claim): c is Comparison => c.kind === 'lower' || c.kind === 'higher';

const seedCount = (seeds: SeedMeasures[]) =>
  `(${seeds.length} seed${seeds.length === 1 ? '' : 's'})`;

function judgeComparison(claim: Comparison, seeds: SeedMeasures[]): ClaimResult {
  const as = seeds.map((s) => value(s.runs[claim.a], claim.measure));
  const bs = seeds.map((s) => value(s.runs[claim.b], claim.measure));
  const effects = as.map((a, i) => {
    const b = bs[i]!;
    const diff = claim.kind === 'higher' ? a - b : b - a;
    return claim.relative ? diff / Math.abs(b) : diff;
  });
  const measured = `${NAME(claim.a)} ${formatMeanSpread(as)} vs ${NAME(claim.b)} ${formatMeanSpread(bs)} ${seedCount(seeds)}`;
  return { claim, verdict: compare(effects, claim.tolerance), measured, effects };
}

function judgeLevel(claim: Level, seeds: SeedMeasures[]): ClaimResult {
  const as = seeds.map((s) => value(s.runs[claim.a], claim.measure));
  const measured = `SGD → ${NAME(claim.a)} barrier ${formatMeanSpread(as)} ${seedCount(seeds)}, tolerance ${claim.tolerance}`;
  return { claim, verdict: threshold(as, claim), measured, effects: as };
}

/** The verdict of one claim over all seeds, with the numbers behind it. */
export function judge(claim: Claim, seeds: SeedMeasures[]): ClaimResult {
  return isComparison(claim) ? judgeComparison(claim, seeds) : judgeLevel(claim as Level, seeds);
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
