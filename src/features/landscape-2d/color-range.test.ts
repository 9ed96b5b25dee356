import { describe, expect, it } from 'vitest';
import type { GridResult } from '../../domain/api';
import { runLandscapeGrids, sharedScaleOn, sharedZRange } from './color-range';
import { landscapeTraces } from './landscape-figure';

function grid(trainLoss: number[][], testLoss = trainLoss): GridResult {
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

describe('runLandscapeGrids and sharedScaleOn', () => {
  const g1 = grid([[1]]);
  const g2 = grid([[2]]);
  const old = grid([[9]]);
  const screen = grid([[5]]);

  it('takes the explored run from the screen and the others from their latest landscape', () => {
    const stored = { r1: g1, r2: old, r9: g2 };
    expect(runLandscapeGrids(stored, ['r1', 'r2'], { runId: 'r2', grid: screen })).toEqual([
      screen,
      g1,
    ]);
    // r9 was deleted; r2's landscape is being recomputed and not drawn yet.
    expect(runLandscapeGrids(stored, ['r1', 'r2'], { runId: 'r2', grid: null })).toEqual([g1]);
    expect(runLandscapeGrids(stored, ['r1', 'r2', 'r9'], null)).toEqual([g1, old, g2]);
  });

  it('is on by default once two runs have landscapes, and follows the user after that', () => {
    expect(sharedScaleOn(null, 1)).toBe(false);
    expect(sharedScaleOn(true, 1)).toBe(false);
    expect(sharedScaleOn(null, 2)).toBe(true);
    expect(sharedScaleOn(false, 3)).toBe(false);
  });
});

describe('landscapeTraces with a shared range', () => {
  const g = grid([
    [1, 2],
    [3, 4],
  ]);
  const range = { zmin: 0.5, zmax: 9 };

  it('fixes zmin/zmax of contour and heatmap and cmin/cmax of the surface', () => {
    for (const view of ['contour', 'heatmap'] as const) {
      const [trace] = landscapeTraces(g, { view, split: 'train', log: false }, range);
      expect(trace).toMatchObject({ zmin: 0.5, zmax: 9, zauto: false });
    }
    const [surface] = landscapeTraces(g, { view: 'surface', split: 'train', log: false }, range);
    expect(surface).toMatchObject({ cmin: 0.5, cmax: 9, cauto: false });
  });

  it('leaves the scale to the grid itself without a range', () => {
    const [trace] = landscapeTraces(g, { view: 'contour', split: 'train', log: false }, null);
    expect(trace).not.toHaveProperty('zmin');
    expect(trace).not.toHaveProperty('zauto');
  });
});
