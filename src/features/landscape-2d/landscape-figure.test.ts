import { describe, expect, it } from 'vitest';
import { DIVERGED_GRID, STEEP_GRID } from '../../components/plot/testing/grids';
import { landscapeLayout, landscapeTraces, pathLabels } from './landscape-figure';

const grid = STEEP_GRID;

describe('landscape figure', () => {
  it('marks the trained weights at the origin in 2D views only', () => {
    const contour = landscapeTraces(grid, { view: 'contour', split: 'train', log: false });
    expect(contour.map((t) => t.type)).toEqual(['contour', 'scatter']);
    expect(contour[1]).toMatchObject({ x: [0], y: [0] });
    const heatmap = landscapeTraces(grid, { view: 'heatmap', split: 'train', log: false });
    expect(heatmap.map((t) => t.type)).toEqual(['heatmap', 'scatter']);
    const surface = landscapeTraces(grid, { view: 'surface', split: 'test', log: true });
    expect(surface.map((t) => t.type)).toEqual(['surface']);
    expect(landscapeLayout({ view: 'surface', split: 'test', log: true }).scene).toBeDefined();
  });

  it('draws the PCA trajectory and titles the axes from the directions', () => {
    const axes = {
      label1: 'PC1 (70.0% of variance)',
      label2: 'PC2 (20.0% of variance)',
      cosine: 0,
      explained: [0.7, 0.2] as [number, number],
      path: { a: [-2, -1, 0], b: [1, 0.5, 0] },
    };
    const traces = landscapeTraces(
      { ...grid, axes },
      { view: 'contour', split: 'train', log: true },
    );
    expect(traces.map((t) => t.type)).toEqual(['contour', 'scatter', 'scatter']);
    expect(traces[1]).toMatchObject({ mode: 'lines+markers', x: axes.path.a, y: axes.path.b });
    expect(pathLabels(3)).toEqual(['initial', 'epoch 1', 'explored weights']);
    const layout = landscapeLayout({ view: 'contour', split: 'train', log: false }, axes);
    expect(layout.xaxis?.title).toMatchObject({ text: axes.label1 });
    expect(layout.yaxis?.title).toMatchObject({ text: axes.label2 });
    const surface = landscapeLayout({ view: 'surface', split: 'train', log: false }, axes);
    expect(surface.scene?.xaxis?.title).toMatchObject({ text: axes.label1 });
  });

  it('draws a grid with NaN or huge losses clipped in every view', () => {
    for (const view of ['contour', 'heatmap', 'surface'] as const) {
      const traces = landscapeTraces(DIVERGED_GRID, { view, split: 'train', log: false });
      const z = (traces[0] as { z: unknown[][] }).z;
      expect(z.flat().every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    }
  });
});
