/** Reading a 1D slice without asking the worker again. */
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
