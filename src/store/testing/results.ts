/** Landscape results for the store's unit tests: small, with values that tell them apart. */
import type { GridResult, SliceResult } from '../../domain/api';

/** A 1 × 1 grid whose losses are `v` (a distinct `v` makes a distinct grid). */
export function pointGrid(v: number): GridResult {
  return {
    a: [0],
    b: [0],
    trainLoss: [[v]],
    testLoss: [[v]],
    trainAcc: [[0]],
    testAcc: [[0]],
    elapsedMs: 0,
  };
}

/** Three points across a valley: `low` at the centre, `high` at both ends. */
const valley = (low: number, high: number) => [high, low, high];

/** A 3-point 1D slice through a minimum (train loss 0.1 at t = 0). */
export function valleySlice(): SliceResult {
  return {
    t: [-1, 0, 1],
    trainLoss: valley(0.1, 2),
    testLoss: valley(0.2, 2.2),
    trainAcc: valley(0.95, 0.3),
    testAcc: valley(0.93, 0.28),
  };
}
