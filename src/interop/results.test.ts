import { describe, expect, it } from 'vitest';
import { surfaceResults } from './results';

describe('imported surfaces', () => {
  it('keeps rows indexed by y and slices along y = 0', () => {
    const { slice, grid } = surfaceResults({
      kind: '2d',
      x: [-1, 0, 1],
      y: [0, 1],
      values: {
        trainLoss: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
    });
    expect(grid!.trainLoss[1]).toEqual([4, 5, 6]);
    expect(grid!.b).toEqual([0, 1]);
    expect(slice!.trainLoss).toEqual([1, 2, 3]);
    expect(grid!.testAcc[0]!.every(Number.isNaN)).toBe(true);
  });

  it('turns a 1D surface into a slice', () => {
    const { slice, grid } = surfaceResults({
      kind: '1d',
      x: [0, 1],
      values: { trainLoss: [3, 4] },
    });
    expect(grid).toBeNull();
    expect(slice!.trainLoss).toEqual([3, 4]);
  });
});
