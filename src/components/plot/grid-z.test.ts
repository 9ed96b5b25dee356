import { describe, expect, it } from 'vitest';
import { landscapeClipNote, landscapeZ, sharedZRange } from './grid-z';
import { DIVERGED_GRID, gridOf as grid, STEEP_GRID } from './testing/grids';

describe('landscapeZ', () => {
  it('picks the split and applies log10 with a floor for zero loss', () => {
    expect(landscapeZ(STEEP_GRID, 'test', false)).toBe(STEEP_GRID.testLoss);
    const z = landscapeZ(STEEP_GRID, 'train', true);
    expect(z[0]).toEqual([1, 0, 1]);
    expect(z[1]).toEqual([2, -8, 3]);
  });

  it('clips NaN and huge losses, with a note', () => {
    const grid = DIVERGED_GRID;
    expect(landscapeZ(grid, 'train', false)[2]).toEqual([3, 2, 30]);
    expect(landscapeZ(grid, 'test', false)[0]).toEqual([3, 2, 30]);
    expect(landscapeZ(grid, 'test', true)[0]![2]).toBeCloseTo(Math.log10(30), 10);
    expect(landscapeClipNote(grid, 'train')).toMatch(
      /^Values above 30\.0 clipped \(1 not finite\)/,
    );
    expect(landscapeClipNote(grid, 'test')).toMatch(/^Values above 30\.0 clipped:/);
  });
});

describe('sharedZRange', () => {
  const a = grid([
    [0.5, 2],
    [1, 3],
  ]);
  const b = grid(
    [
      [0.2, NaN],
      [Infinity, 1.5],
    ],
    [
      [10, 20],
      [30, 40],
    ],
  );

  it('spans the values every grid draws', () => {
    expect(sharedZRange([a], 'train', false)).toEqual({ zmin: 0.5, zmax: 3 });
    // b's non-finite points are drawn clipped at 10 × its upper quartile (1.5), so the shared
    // scale reaches that cap and the clipped points keep the top colour.
    expect(sharedZRange([a, b], 'train', false)).toEqual({ zmin: 0.2, zmax: 15 });
    expect(sharedZRange([a, b], 'test', false)).toEqual({ zmin: 0.5, zmax: 40 });
  });

  it('uses the plotted log10 scale, with the plot floor for a zero loss', () => {
    const r = sharedZRange([a, grid([[0, 100]])], 'train', true)!;
    expect(r.zmin).toBe(-8);
    expect(r.zmax).toBe(2);
  });

  it('is null without any finite value', () => {
    expect(sharedZRange([], 'train', false)).toBeNull();
    expect(sharedZRange([grid([[NaN, -Infinity]])], 'train', false)).toBeNull();
  });
});
