import * as tf from '@tensorflow/tfjs';

/** Median of a non-empty list (the mean of the middle two for even lengths). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Rounds to `digits` significant digits, so the JSON and the tables stay readable. */
export function round(v: number, digits = 4): number {
  if (!Number.isFinite(v) || v === 0) return v;
  return Number(v.toPrecision(digits));
}

/** Milliseconds taken by an async function, measured on the wall clock. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Times several cases in interleaved rounds (a, b, c, a, b, c, …) after one warm-up round
 * (unless the caller has warmed them up already), so a noisy neighbour on a shared machine slows
 * every case alike; returns each case's median.
 */
export async function interleaved<K extends string>(
  cases: Record<K, () => Promise<number>>,
  rounds: number,
  warmUp = true,
): Promise<Record<K, number>> {
  const names = Object.keys(cases) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = warmUp ? 0 : 1; r <= rounds; r++) {
    for (const name of names) {
      // Each case ends with its own readback, which waits for all of its queued GPU work.
      const v = await cases[name]();
      if (r > 0) samples[name].push(v); // round 0 is the warm-up (kernel compilation)
      // Every sample goes to the log, so a noisy or slow run can be judged afterwards.
      console.log(`[bench]   ${name} round ${r}${r ? '' : ' (warm-up)'}: ${round(v)}`);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<K, number>;
}

/** tf.memory() as plain numbers; numBytesInGPU only where the backend reports it (WebGL). */
export function memorySnapshot(): { numTensors: number; numBytes: number; numBytesInGPU?: number } {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  const out = { numTensors: m.numTensors, numBytes: m.numBytes };
  return m.numBytesInGPU === undefined ? out : { ...out, numBytesInGPU: m.numBytesInGPU };
}
