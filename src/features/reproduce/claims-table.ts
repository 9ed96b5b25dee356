/** The claims of an outcome as table cells: effect, 95% interval, sign-test p, n, verdict. Pure. */
import { minSignP } from '../../domain/reproduce/stats';
import { formatEffect, type ClaimResult, type Verdict } from '../../domain/reproduce/verdict';

export interface ClaimRow {
  observation: string;
  measured: string;
  /** The mean paired effect and what it is, e.g. "−58.8% ((SAM − SGD) / SGD)". */
  effect: string;
  /** "[−62% … −55.6%]", or "—" below two seeds. */
  interval: string;
  p: string;
  n: string;
  verdict: Verdict;
}

const pValue = (p: number) => (p >= 0.001 ? String(Number(p.toPrecision(2))) : p.toExponential(1));

export function claimRow(r: ClaimResult): ClaimRow {
  const { mean, low, high } = r.interval;
  const interval = Number.isFinite(low)
    ? `[${formatEffect(r.claim, low)} … ${formatEffect(r.claim, high)}]`
    : '—';
  return {
    observation: r.claim.text,
    measured: r.measured,
    effect: `${formatEffect(r.claim, mean)} (${r.definition})`,
    interval,
    p: r.n > 0 ? pValue(r.p) : '—',
    n: String(r.n),
    verdict: r.verdict,
  };
}

/**
 * How to read the verdicts, with the sign test's floor for this many seeds: with five, its
 * smallest p is 0.0625, so it alone can never reach 0.05 and the interval decides.
 */
export function verdictNote(seeds: number): string {
  const floor = minSignP(seeds);
  const signLine =
    floor >= 0.05
      ? `With ${seeds} seed${seeds === 1 ? '' : 's'} the sign test cannot reach p < 0.05 even when every seed agrees (its smallest p is ${floor}); it is shown beside the interval, not used for the verdict.`
      : `With ${seeds} seeds the sign test's smallest p is ${Number(floor.toPrecision(2))}; it is shown beside the interval, not used for the verdict.`;
  return `Effect: the mean over seeds of the paired per-seed difference (same initial weights and data order). Supported: its 95% Student-t interval excludes 0 on the claimed side; contradicted: it excludes 0 on the other; else inconclusive. ${signLine}`;
}

/** One claim's statistics as plain numbers, for bench/results/presets-latest.json. */
export interface ClaimSummary {
  claim: string;
  /** What the effect is, e.g. "(SAM − SGD) / SGD". */
  effectIs: string;
  /** Mean paired effect and its 95% Student-t interval. */
  effect: number;
  ci95: [number, number];
  signTestP: number;
  n: number;
  verdict: Verdict;
  /** The per-seed paired effects. */
  effects: number[];
}

export function claimSummary(r: ClaimResult): ClaimSummary {
  return {
    claim: r.claim.text,
    effectIs: r.definition,
    effect: r.interval.mean,
    ci95: [r.interval.low, r.interval.high],
    signTestP: r.p,
    n: r.n,
    verdict: r.verdict,
    effects: r.effects,
  };
}
