import * as tf from '@tensorflow/tfjs';

/** Median and spread of a set of samples (each rounded for the JSON and the tables). */
export interface Summary {
  median: number;
  /** Interquartile range: first and third quartiles (linear interpolation, as numpy's default). */
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** Number of samples. */
  n: number;
}

/** The q-quantile of ascending `sorted` (numpy's default 'linear' method). */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Median of a non-empty list (the mean of the middle two for even lengths). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Rounds to `digits` significant digits, so the JSON and the tables stay readable. */
export function round(v: number, digits = 4): number {
  if (!Number.isFinite(v) || v === 0) return v;
  return Number(v.toPrecision(digits));
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error('summary of nothing');
  const s = [...values].sort((a, b) => a - b);
  return {
    median: round(quantile(s, 0.5)),
    q1: round(quantile(s, 0.25)),
    q3: round(quantile(s, 0.75)),
    min: round(s[0]!),
    max: round(s[s.length - 1]!),
    n: s.length,
  };
}

/** Milliseconds taken by an async function, measured on the wall clock. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export interface RoundPlan {
  /** Timed rounds wanted (after the warm-up round). */
  rounds: number;
  /** Rounds taken even past the budget (default min(3, rounds)). */
  minRounds?: number;
  /** Seconds the timed rounds may take in all; no new round starts that would overrun it. */
  budgetS?: number;
  /** Whether round 0 is an untimed warm-up (shader compilation); default true. */
  warmUp?: boolean;
}

export interface Interleaved<K extends string> {
  /** Every timed sample of each case, in round order (sample i of each case is from round i). */
  samples: Record<K, number[]>;
  medians: Record<K, number>;
  summaries: Record<K, Summary>;
  /** Timed rounds actually run. */
  rounds: number;
  /** Why fewer rounds than planned ran, if they did. */
  stoppedEarly?: string;
}

/**
 * Times several cases in interleaved rounds (a, b, c, a, b, c, …) after one warm-up round that
 * pays for kernel compilation, so a noisy neighbour on a shared machine slows every case alike.
 * Runs `rounds` timed rounds, or fewer (never below `minRounds`) when the next one would
 * overrun `budgetS`. Every sample goes to the log, so a noisy run can be judged afterwards.
 */
export async function interleaved<K extends string>(
  cases: Record<K, () => Promise<number>>,
  plan: RoundPlan,
): Promise<Interleaved<K>> {
  const names = Object.keys(cases) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  const minRounds = Math.min(plan.minRounds ?? 3, plan.rounds);
  let timedMs = 0;
  let r = plan.warmUp === false ? 1 : 0;
  let stoppedEarly: string | undefined;
  for (; r <= plan.rounds; r++) {
    const done = r - 1;
    if (r > minRounds && plan.budgetS !== undefined && done > 0) {
      const next = timedMs / done;
      if (timedMs + next > plan.budgetS * 1000) {
        stoppedEarly = `budget ${plan.budgetS} s: ${done} of ${plan.rounds} rounds`;
        break;
      }
    }
    const t0 = performance.now();
    for (const name of names) {
      // Each case ends with its own readback, which waits for all of its queued GPU work.
      const v = await cases[name]();
      if (r > 0) samples[name].push(v);
      console.log(`[bench]   ${name} round ${r}${r ? '' : ' (warm-up)'}: ${round(v)}`);
    }
    if (r > 0) timedMs += performance.now() - t0;
  }
  const pick = <T>(f: (v: number[]) => T) =>
    Object.fromEntries(names.map((n) => [n, f(samples[n])])) as Record<K, T>;
  return {
    samples,
    medians: pick(median),
    summaries: pick(summarize),
    rounds: samples[names[0]!].length,
    ...(stoppedEarly ? { stoppedEarly } : {}),
  };
}

/** Per-round ratios a[i] / b[i] of two interleaved cases (paired, so shared noise cancels). */
export function pairedRatios(a: number[], b: number[]): number[] {
  return a.map((v, i) => v / b[i]!);
}

/** tf.memory() as plain numbers; numBytesInGPU only where the backend reports it (WebGL). */
export function memorySnapshot(): { numTensors: number; numBytes: number; numBytesInGPU?: number } {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  const out = { numTensors: m.numTensors, numBytes: m.numBytes };
  return m.numBytesInGPU === undefined ? out : { ...out, numBytesInGPU: m.numBytesInGPU };
}
