import { describe, expect, it } from 'vitest';
import type { DecisionBoundary } from '../../domain/toy-data';
import { bandScale, boundarySummary, boundaryTraces, cellValue } from './boundary-figure';

const boundary: DecisionBoundary = {
  t: 0.5,
  xs: [-1, 1],
  ys: [-2, 2],
  predicted: [0, 1, 1, 1],
  confidence: [1, 0.5, 0.75, 1],
  classes: 2,
  shares: [0.25, 0.75],
  points: { x: [0, 1, 2], y: [3, 4, 5], label: [1, 0, 1] },
};

describe('the decision boundary figure', () => {
  it('puts each class in its own band of the colour scale, deeper as it is surer', () => {
    expect(cellValue(0, 0.5, 2)).toBe(0);
    expect(cellValue(0, 1, 2)).toBeCloseTo(0.4995, 6);
    expect(cellValue(1, 0.5, 2)).toBe(0.5);
    expect(cellValue(1, 0.75, 2)).toBeCloseTo(0.5 + 0.999 / 4, 6);
    expect(cellValue(2, 1 / 3, 3)).toBeCloseTo(2 / 3, 12);
    const scale = bandScale(3);
    expect(scale.map(([at]) => at)).toEqual([0, 0.333, 1 / 3, 1.999 / 3, 2 / 3, 1]);
    expect(scale.map(([, color]) => color)).toEqual([
      'rgb(253, 233, 211)',
      '#f59322',
      'rgb(206, 228, 242)',
      '#0877bd',
      'rgb(208, 237, 219)',
      '#16a34a',
    ]);
  });

  it('draws the grid row by row and the training points by class', () => {
    const [heatmap, class0, class1] = boundaryTraces(boundary) as {
      z?: number[][];
      x?: number[];
      y?: number[];
    }[];
    expect(heatmap!.z).toEqual([
      [cellValue(0, 1, 2), cellValue(1, 0.5, 2)],
      [cellValue(1, 0.75, 2), cellValue(1, 1, 2)],
    ]);
    expect(class0).toMatchObject({ x: [1], y: [4] });
    expect(class1).toMatchObject({ x: [0, 2], y: [3, 5] });
  });

  it('sums the plane up in words', () => {
    expect(boundarySummary(boundary)).toBe(
      'At t = +0.500: class 0 25.0%, class 1 75.0% of the plane; mean confidence of the predicted class 81.3%.',
    );
  });
});
