/** GridResult fixtures for the landscape figures' unit tests. */
import type { GridResult } from '../../../domain/api';

/** Accuracy on a 3-wide grid's two rows: high at the centre column, low at the edges. */
const peaked = (centre: number) => [0, 1].map(() => [0.1, centre, 0.1]);

/** 3 × 2 points with losses over three orders of magnitude and an exact 0 (log10 needs a floor). */
export const STEEP_GRID: GridResult = {
  a: [-1, 0, 1],
  b: [-1, 1],
  trainLoss: [
    [10, 1, 10],
    [100, 0, 1000],
  ],
  testLoss: [
    [11, 2, 11],
    [101, 1, 1001],
  ],
  trainAcc: peaked(0.9),
  testAcc: peaked(0.8),
  elapsedMs: 5,
};

/** Weights that diverged or were perturbed far: a NaN train loss and a huge test loss. */
export const DIVERGED_GRID: GridResult = {
  a: [-1, 0, 1],
  b: [-1, 0, 1],
  trainLoss: [
    [3, 2, 3],
    [2, 1, 2],
    [3, 2, Number.NaN],
  ],
  testLoss: [
    [3, 2, 1e12],
    [2, 1, 2],
    [3, 2, 3],
  ],
  trainAcc: [],
  testAcc: [],
  elapsedMs: 1,
};

/** A grid of the given losses (test = train unless given) on integer axes. */
export function gridOf(trainLoss: number[][], testLoss = trainLoss): GridResult {
  const n = trainLoss[0]!.length;
  return {
    a: Array.from({ length: n }, (_, i) => i),
    b: trainLoss.map((_, i) => i),
    trainLoss,
    testLoss,
    trainAcc: trainLoss,
    testAcc: testLoss,
    elapsedMs: 0,
  };
}
