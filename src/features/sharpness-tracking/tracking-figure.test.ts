import { describe, expect, it } from 'vitest';
import type { MetricsHistory, SeriesMeta } from '../../app/metrics-bus';
import type { TrainEvent } from '../../domain/api';
import { lambdaEvent as measured, stepEvent as step } from './testing/events';
import {
  touchesFigure,
  lambdaPoints,
  stabilityThreshold,
  thresholdName,
  thresholdPoints,
  trackingLayout,
  trackingTraces,
} from './tracking-figure';

const meta = (key: string, color: string): SeriesMeta => ({ key, name: key, color, final: true });

/** Steps 1–6 at lr 0.1, then 0.05 (a step schedule), measured every 3 steps. */
function run(momentum: number | null, lrs = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05]) {
  const events: TrainEvent[] = [measured(0, 1, momentum)];
  lrs.forEach((lr, i) => {
    events.push(step(i + 1, lr));
    if ((i + 1) % 3 === 0) events.push(measured(i + 1, 2 + i, momentum));
  });
  return events;
}

describe('sharpness-during-training figure', () => {
  it('puts the stability threshold at 2/η, and at 2(1+β)/η with heavy-ball momentum β', () => {
    expect(stabilityThreshold(0.1, 0)).toBeCloseTo(20, 12);
    expect(stabilityThreshold(0.05, 0.9)).toBeCloseTo(76, 12);
    expect(stabilityThreshold(0, 0.9)).toBeNaN();
    expect(thresholdName(0)).toBe('2/η');
    expect(thresholdName(0.9)).toBe('2(1+β)/η, β = 0.9');
  });

  it('draws the threshold step by step from the lr each step used; none for Adam', () => {
    expect(thresholdPoints(run(0))).toEqual({ x: [0, 7, 8], y: [20, 40, 40], momentum: 0 });
    const heavy = thresholdPoints(run(0.5))!;
    expect(heavy.y).toEqual([30, 60, 60].map((v) => expect.closeTo(v, 10)));
    expect(thresholdPoints(run(null))).toBeNull();
    // Tracking off: no measurement, no line.
    expect(thresholdPoints(run(0).filter((e) => e.kind === 'step'))).toBeNull();
  });

  it('keeps finite measurements only, at their steps', () => {
    const events = [...run(0), measured(9, NaN, 0)];
    expect(lambdaPoints(events)).toEqual({ x: [0, 3, 6], y: [1, 4, 7] });
  });

  it('overlays every run in its colour; runs with the same threshold share one named line', () => {
    const constant = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const history: MetricsHistory = {
      series: [meta('SGD', '#111111'), meta('SAM', '#222222'), meta('SWA', '#333333')],
      events: { SGD: run(0, constant), SAM: run(0, constant), SWA: run(0) },
      seq: 1,
    };
    const traces = trackingTraces(history) as {
      name: string;
      x: number[];
      y: number[];
      line: { color: string; dash?: string };
    }[];
    expect(traces.map((t) => t.name)).toEqual([
      'SGD · λ_max',
      'SAM · λ_max',
      'SWA · λ_max',
      '2/η (SGD, SAM)',
      '2/η (SWA)',
    ]);
    expect(traces.slice(0, 3).map((t) => t.line.color)).toEqual(['#111111', '#222222', '#333333']);
    expect(traces[3]!.y).toEqual([20, 20]);
    expect(traces[4]!.line).toMatchObject({ color: '#333333', dash: 'dash' });
    expect(trackingTraces({ ...history, events: { SGD: [step(1, 0.1)] } })).toEqual([]);
  });

  it('titles both axes and switches the λ axis to a log scale', () => {
    const linear = trackingLayout(false);
    const log = trackingLayout(true);
    expect((linear.xaxis?.title as { text: string }).text).toBe('Step');
    expect((linear.yaxis?.title as { text: string }).text).toBe('λ_max of the training loss');
    expect(log.yaxis?.type).toBe('log');
    expect(linear.yaxis?.type).toBeUndefined();
  });
});

describe('touchesFigure', () => {
  const meta: SeriesMeta = { key: 'a', name: 'SGD', color: '#000', final: false };
  const events = (key: string, e: TrainEvent[]) =>
    ({ type: 'events', runId: 1, seq: 3, key, events: e }) as const;
  const lambda = { kind: 'sharpness', step: 2, epoch: 1 } as unknown as TrainEvent;
  const plainStep = {
    kind: 'step',
    step: 1,
    epoch: 1,
    loss: 1,
    lr: 0.1,
    totalSteps: 4,
  } as TrainEvent;
  it('redraws for measurements, and on run changes only while a tracked run is shown', () => {
    const tracked = new Set<string>();
    expect(touchesFigure({ type: 'reset', runId: 1, seq: 1 }, tracked)).toBe(false);
    expect(touchesFigure({ type: 'series', runId: 1, seq: 2, series: meta }, tracked)).toBe(false);
    expect(touchesFigure(events('a', [plainStep]), tracked)).toBe(false);
    expect(touchesFigure(events('a', [lambda]), tracked)).toBe(true);
    // Steps between measurements do not redraw, not even a tracked run's.
    expect(touchesFigure(events('a', [plainStep]), tracked)).toBe(false);
    expect(touchesFigure(events('b', [plainStep]), tracked)).toBe(false);
    expect(touchesFigure(events('a', [plainStep, lambda]), tracked)).toBe(true);
    expect(touchesFigure({ type: 'series', runId: 1, seq: 4, series: meta }, tracked)).toBe(true);
    expect(touchesFigure({ type: 'reset', runId: 2, seq: 5 }, tracked)).toBe(true);
    expect(touchesFigure({ type: 'reset', runId: 3, seq: 6 }, tracked)).toBe(false);
  });
});
