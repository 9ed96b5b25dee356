import { describe, expect, it } from 'vitest';
import type { GridResult, SliceResult } from '../../domain/api';
import { landscapeClipNote, landscapeTraces, landscapeZ } from '../landscape-2d/landscape-figure';
import { sliceClipNote, sliceTraces } from '../slice-1d/slice-figure';

const grid: GridResult = {
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

describe('plots of diverged or far-perturbed weights', () => {
  it('draws a grid with NaN or huge losses clipped, with a note, in every view', () => {
    expect(landscapeZ(grid, 'train', false)[2]).toEqual([3, 2, 30]);
    expect(landscapeZ(grid, 'test', false)[0]).toEqual([3, 2, 30]);
    expect(landscapeZ(grid, 'test', true)[0]![2]).toBeCloseTo(Math.log10(30), 10);
    expect(landscapeClipNote(grid, 'train')).toMatch(
      /^Values above 30\.0 clipped \(1 not finite\)/,
    );
    expect(landscapeClipNote(grid, 'test')).toMatch(/^Values above 30\.0 clipped:/);
    for (const view of ['contour', 'heatmap', 'surface'] as const) {
      const z = (
        landscapeTraces(grid, { view, split: 'train', log: false })[0] as { z: unknown[][] }
      ).z;
      expect(z.flat().every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    }
  });

  it('draws a slice with an infinite loss clipped, with a note', () => {
    const slice: SliceResult = {
      t: [-1, 0, 1],
      trainLoss: [1, 0.5, Number.POSITIVE_INFINITY],
      testLoss: [1, 0.6, 2],
      trainAcc: [0.5, 0.9, 0],
      testAcc: [0.5, 0.8, 0],
    };
    const y = (sliceTraces(slice)[0] as { y: unknown[] }).y;
    expect(y).toEqual([1, 0.5, 10]);
    expect(sliceClipNote(slice)).toMatch(/^Values above 10\.0 clipped \(1 not finite\)/);
    expect(sliceClipNote({ ...slice, trainLoss: [1, 0.5, 2] })).toBeNull();
  });
});
