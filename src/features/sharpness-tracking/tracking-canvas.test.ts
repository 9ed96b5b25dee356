import { describe, expect, it } from 'vitest';
import type { MetricsHistory } from '../../app/metrics-bus';
import { recorder } from '../../components/plot/testing/canvas-recorder';
import { drawTracking, valueAxis } from './tracking-canvas';
import { trackingLines } from './tracking-figure';
import { lambdaEvent as lambda, stepEvent as step } from './testing/events';

/** Steps 1–5 of 10: lr 0.5 (threshold 4), then 0.25 from step 4 (threshold 8); λ at 0 and 5. */
const history: MetricsHistory = {
  series: [{ key: 'a', name: 'Run 1', color: '#ff0000', final: false }],
  events: {
    a: [
      lambda(0, 2),
      step(1, 0.5),
      step(2, 0.5),
      step(3, 0.5),
      step(4, 0.25),
      step(5, 0.25),
      lambda(5, 3),
    ],
  },
  seq: 2,
};

// An 800 × 400 canvas: the plot spans x 60 … 780 and y 24 … 356.
const W = 800;
const H = 400;
const xAt = (s: number) => 60 + (720 * s) / 10;

describe('λ_max while training (canvas)', () => {
  it('draws λ_max at its steps in the run colour, with markers, on a 0 … total-steps axis', () => {
    const { ctx, points, marks } = recorder();
    const summary = drawTracking(ctx, W, H, history, false);
    expect(summary).toBe('λ_max while training: Run 1 · λ_max 3 at step 5');
    const solid = points.filter((p) => p.color === '#ff0000' && !p.dashed);
    expect(solid.map((p) => p.x)).toEqual([xAt(0), xAt(5)]);
    // Linear axis from 0 to 1.05 × the largest value drawn (the threshold 8): λ = 3 sits at 3/8.4.
    expect(solid[1]!.y).toBeCloseTo(356 - (332 * 3) / 8.4, 9);
    // The markers in the plot (the legend's dot sits above it, at y 10).
    const inPlot = marks.filter((m) => m.color === '#ff0000' && m.y > 24);
    expect(inPlot.map((m) => m.x)).toEqual([xAt(0), xAt(5)]);
  });

  it('draws the threshold as a dashed step function that changes where the lr does', () => {
    const { ctx, points } = recorder();
    drawTracking(ctx, W, H, history, false);
    const dashed = points.filter((p) => p.dashed && p.color === '#ff0000');
    const y = (v: number) => 356 - (332 * v) / 8.4;
    // 2/η: 4 from step 0, 8 from step 4 on, held to the last step (5).
    const expected = [
      [xAt(0), y(4)],
      [xAt(4), y(4)],
      [xAt(4), y(8)],
      [xAt(5), y(8)],
      [xAt(5), y(8)],
    ];
    expect(dashed.length).toBe(expected.length);
    dashed.forEach((p, i) => {
      expect(p.x).toBeCloseTo(expected[i]![0]!, 9);
      expect(p.y).toBeCloseTo(expected[i]![1]!, 9);
    });
  });

  it('puts a log axis on whole decades around the values', () => {
    const axis = valueAxis(trackingLines(history), true);
    expect([axis.lo, axis.hi]).toEqual([0, 1]);
    expect(axis.ticks).toEqual([1, 10]);
    const { ctx, points } = recorder();
    drawTracking(ctx, W, H, history, true);
    const solid = points.filter((p) => p.color === '#ff0000' && !p.dashed);
    expect(solid[0]!.y).toBeCloseTo(356 - 332 * Math.log10(2), 9);
  });

  it('says when nothing is measured yet, and draws no run line', () => {
    const { ctx, points, texts } = recorder();
    const empty = { ...history, events: { a: [step(1, 0.5)] } };
    expect(drawTracking(ctx, W, H, empty, false)).toBe('λ_max while training: no measurement yet');
    expect(points.filter((p) => p.color === '#ff0000')).toEqual([]);
    expect(texts).toContain('Step');
  });
});
