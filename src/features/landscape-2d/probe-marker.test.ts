import { describe, expect, it } from 'vitest';
import { STEEP_GRID } from '../../components/plot/testing/grids';
import { interpolateZ, markerTrace, markerUpdate, markerZ } from './probe-marker';

const grid = STEEP_GRID;

const value = {
  a: 0.5,
  b: 0,
  trainLoss: 7,
  trainAcc: 0.5,
  testLoss: 0.001,
  testAcc: 0.5,
  predicted: [],
};

describe('perturbation marker', () => {
  it('interpolates the drawn surface bilinearly, exact at grid points, clamped outside', () => {
    expect(interpolateZ(grid.trainLoss, grid.a, grid.b, 1, 1)).toBe(1000);
    expect(interpolateZ(grid.trainLoss, grid.a, grid.b, 0, -1)).toBe(1);
    expect(interpolateZ(grid.trainLoss, grid.a, grid.b, 0.5, -1)).toBeCloseTo(5.5, 12);
    expect(interpolateZ(grid.trainLoss, grid.a, grid.b, 0.5, 0)).toBeCloseTo((5.5 + 500) / 2, 12);
    expect(interpolateZ(grid.trainLoss, grid.a, grid.b, 9, 9)).toBe(1000);
  });

  it('sits at the evaluated loss once it is known for this position, in the figure scale', () => {
    const train = { view: 'surface' as const, split: 'train' as const, log: false };
    expect(markerZ(grid, train, { a: 0.5, b: 0 }, value)).toBe(7);
    expect(
      markerZ(grid, { ...train, split: 'test', log: true }, { a: 0.5, b: 0 }, value),
    ).toBeCloseTo(-3, 6);
    // A value for another position is stale: the surface height stands in until the new one.
    expect(markerZ(grid, train, { a: 0.5, b: -1 }, value)).toBeCloseTo(5.5, 12);
  });

  it('is a 2D marker on contour and heatmap, a 3D one on the surface, moved by restyle', () => {
    expect(markerTrace('contour', { a: 0.2, b: -0.4 }, 0)).toMatchObject({
      type: 'scatter',
      x: [0.2],
      y: [-0.4],
    });
    expect(markerTrace('surface', { a: 0.2, b: -0.4 }, 3)).toMatchObject({
      type: 'scatter3d',
      z: [3],
    });
    expect(markerUpdate('heatmap', { a: 1, b: 2 }, 5)).toEqual({ x: [[1]], y: [[2]] });
    expect(markerUpdate('surface', { a: 1, b: 2 }, 5)).toEqual({ x: [[1]], y: [[2]], z: [[5]] });
  });
});
