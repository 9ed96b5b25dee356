/** A 1D slice's sample positions, and reading a slice without asking the worker again. */
import type { PointValue, SliceResult } from './api';

/** The slice point closest to t = 0: the trained weights themselves, known without a worker call. */
export function centerPoint(slice: SliceResult): PointValue | null {
  let best = -1;
  slice.t.forEach((t, i) => {
    if (best < 0 || Math.abs(t) < Math.abs(slice.t[best] ?? Infinity)) best = i;
  });
  if (best < 0) return null;
  return {
    t: slice.t[best] ?? 0,
    trainLoss: slice.trainLoss[best] ?? NaN,
    trainAcc: slice.trainAcc[best] ?? NaN,
    testLoss: slice.testLoss[best] ?? NaN,
    testAcc: slice.testAcc[best] ?? NaN,
  };
}

/** `n` evenly spaced numbers from `start` to `stop` inclusive (numpy.linspace). */
export function linspace(start: number, stop: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`linspace: n must be a positive integer`);
  if (n === 1) return [start];
  const step = (stop - start) / (n - 1);
  // Computed from the index (not by accumulation) so the last point is exactly `stop`.
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? stop : start + i * step));
}
