import { describe, expect, it } from 'vitest';
import { gridOf as grid } from '../../components/plot/testing/grids';
import { runLandscapeGrids, sharedScaleOn } from './color-range';
import { landscapeTraces } from './landscape-figure';

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
