import { describe, expect, it } from 'vitest';
import type { GridResult, RunInfo, SliceResult } from '../../domain/api';
import { colourRange } from './side-by-side-figure';

const grid = (loss: number[][]): GridResult => ({
  a: [0, 1, 2],
  b: [0],
  trainLoss: loss,
  testLoss: loss,
  trainAcc: loss,
  testAcc: loss,
  elapsedMs: 0,
});

describe('colourRange', () => {
  const results = [
    { run: {} as RunInfo, slice: {} as SliceResult, grid: grid([[1, 10, 100]]) },
    { run: {} as RunInfo, slice: {} as SliceResult, grid: grid([[2, 3, 4]]) },
  ];

  it('spans every run on the drawn scale, linear or log10 (taken once)', () => {
    expect(colourRange(results, { split: 'train', log: false })).toEqual({ min: 1, max: 100 });
    const log = colourRange(results, { split: 'train', log: true })!;
    expect(log.min).toBeCloseTo(0, 12);
    expect(log.max).toBeCloseTo(2, 12);
  });
});
