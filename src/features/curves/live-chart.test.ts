import { describe, expect, it } from 'vitest';
import { createMetricsBus, type MetricsHistory } from '../../app/metrics-bus';
import type { TrainEvent } from '../../domain/api';
import { recorder } from '../../components/plot/testing/canvas-recorder';
import { drawLiveCurves, panels } from './live-chart';
import { createLiveCanvas } from './live-canvas';

const events: TrainEvent[] = [
  { kind: 'plan', totalSteps: 10, stepsPerEpoch: 5, swaStartStep: 8, labelsChanged: 0 },
  ...[1, 2, 3, 4, 5].map((step): TrainEvent => ({
    kind: 'step',
    step,
    epoch: 1,
    loss: 3 - 0.4 * step,
    lr: 0.1,
    totalSteps: 10,
    elapsedMs: step,
  })),
  { kind: 'epoch', epoch: 1, step: 5, trainLoss: 1.1, trainAcc: 0.6, testLoss: 1.2, testAcc: 0.55 },
];

const history = (final: boolean): MetricsHistory => ({
  series: [{ key: 'a', name: 'Run 1 · SGD', color: '#ff0000', final }],
  events: { a: events },
  seq: 3,
});

describe('live training curves (canvas)', () => {
  it('draws every trace of a run in its colour, inside the figure, on a 0 … total-steps axis', () => {
    const { ctx, points, texts } = recorder();
    const summary = drawLiveCurves(ctx, 800, 400, history(false));
    expect(summary).toBe('Run 1 · SGD: step 5 of 10, batch loss 1');
    const run = points.filter((p) => p.color === '#ff0000');
    // Batch loss (5 points, faint), lr (5), 4 epoch metrics (1 each), the SWA-start line (2).
    expect(run.length).toBe(5 + 5 + 4 + 2);
    expect(run.filter((p) => p.alpha < 1).length).toBe(5);
    for (const p of run) {
      expect(p.x).toBeGreaterThanOrEqual(60);
      expect(p.x).toBeLessThanOrEqual(800 - 20);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(400);
    }
    // Step 5 of 10 sits halfway across the plot width.
    const faint = run.filter((p) => p.alpha < 1);
    expect(faint.at(-1)!.x).toBeCloseTo(60 + (800 - 80) / 2, 9);
    expect(texts).toContain('Run 1 · SGD (training)');
    expect(texts).toContain('10');
  });

  it('puts the loss at the top, accuracy in the middle and the lr at the bottom, losses from 0', () => {
    const all = panels(400, new Map());
    expect(all.y.bottom).toBeLessThanOrEqual(all.y2.top);
    expect(all.y2.bottom).toBeLessThanOrEqual(all.y3.top);
    expect(all.y.lo).toBe(0);
    expect(all.y2.hi).toBe(1);
  });

  it('holds the curves from a session’s reset until every run is final, then hands over', () => {
    const bus = createMetricsBus();
    const live = createLiveCanvas(bus);
    bus.reset(1);
    live.start();
    expect(live.follow({ type: 'reset', runId: 1, seq: 1 })).toBe('live');
    const meta = { key: 'a', name: 'Run 1', color: '#f00', final: false };
    bus.series(1, meta);
    expect(live.follow({ type: 'series', runId: 1, seq: 2, series: meta })).toBe('live');
    bus.emit(1, 'a', events);
    expect(live.follow({ type: 'events', runId: 1, seq: 3, key: 'a', events })).toBe('live');
    const final = { ...meta, final: true };
    bus.series(1, final);
    // The canvas stays until the Plotly figure is drawn.
    expect(live.follow({ type: 'series', runId: 1, seq: 4, series: final })).toBe('handover');
    expect(live.layer.shown()).toBe(true);
    // One hand-over: a message before it is drawn waits for the figure drawn from the history.
    expect(live.follow({ type: 'series', runId: 1, seq: 5, series: final })).toBe('live');
    live.finish();
    expect(live.layer.shown()).toBe(false);
    // A late batch of the finished session goes to Plotly.
    expect(live.follow({ type: 'events', runId: 1, seq: 6, key: 'a', events })).toBe('plot');
  });

  it('keeps the canvas when a new session starts before the hand-over is drawn', () => {
    const bus = createMetricsBus();
    const live = createLiveCanvas(bus);
    bus.reset(1);
    live.start();
    bus.series(1, { key: 'a', name: 'Run 1', color: '#f00', final: true });
    bus.reset(2);
    live.start();
    bus.series(2, { key: 'b', name: 'Run 2', color: '#0f0', final: false });
    live.finish();
    expect(live.layer.shown()).toBe(true);
  });
});
