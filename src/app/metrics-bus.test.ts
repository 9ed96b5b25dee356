import { describe, expect, it } from 'vitest';
import { createMetricsBus, stepBudget, type MetricsMessage, type SeriesMeta } from './metrics-bus';
import type { TrainEvent } from '../domain/api';

const step = (n: number): TrainEvent => ({
  kind: 'step',
  step: n,
  epoch: 1,
  loss: 1 / n,
  lr: 0.05,
  totalSteps: 10,
  elapsedMs: n * 10,
});

const meta = (key: string, name = key.toUpperCase()): SeriesMeta => ({
  key,
  name,
  color: '#123456',
  final: false,
});

const steps = (events: readonly TrainEvent[] | undefined) =>
  (events ?? []).map((e) => (e.kind === 'step' ? e.step : -1));

describe('metrics bus', () => {
  it('delivers batches of the current session per series and keeps their history', () => {
    const bus = createMetricsBus();
    const seen: MetricsMessage[] = [];
    const unsubscribe = bus.subscribe((m) => seen.push(m));
    bus.reset(1);
    bus.series(1, meta('a'));
    bus.emit(1, 'a', [step(1), step(2)]);
    bus.series(1, meta('b'));
    bus.emit(1, 'b', [step(1)]);
    bus.emit(1, 'a', [step(3)]);
    const history = bus.history();
    expect(steps(history.events.a)).toEqual([1, 2, 3]);
    expect(steps(history.events.b)).toEqual([1]);
    expect(history.series.map((s) => s.key)).toEqual(['a', 'b']);
    expect(seen.map((m) => m.type)).toEqual([
      'reset',
      'series',
      'events',
      'series',
      'events',
      'events',
    ]);
    expect(seen.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(history.seq).toBe(6);
    unsubscribe();
    bus.emit(1, 'a', [step(4)]);
    expect(seen).toHaveLength(6);
  });

  it('updates a series in place when its name and colour become known', () => {
    const bus = createMetricsBus();
    bus.reset(1);
    bus.series(1, meta('train-1', 'SGD (training)'));
    bus.series(1, { key: 'train-1', name: 'SGD', color: '#1f77b4', final: true });
    expect(bus.history().series).toEqual([
      { key: 'train-1', name: 'SGD', color: '#1f77b4', final: true },
    ]);
  });

  it('drops batches of a replaced session or an unannounced series, and clears on reset', () => {
    const bus = createMetricsBus();
    bus.reset(1);
    bus.series(1, meta('a'));
    bus.emit(1, 'a', [step(1)]);
    bus.emit(1, 'nobody', [step(1)]);
    expect(bus.history().events.nobody).toBeUndefined();
    bus.reset(2);
    expect(bus.history().series).toEqual([]);
    expect(bus.history().events).toEqual({});
    bus.series(1, meta('a'));
    bus.emit(1, 'a', [step(2)]);
    expect(bus.history().series).toEqual([]);
    expect(bus.runId()).toBe(2);
  });
});

describe('stepBudget', () => {
  const budget = (events: Record<string, TrainEvent[]>) =>
    stepBudget({ series: [], events, seq: 0 });
  const withTotal = (n: number, totalSteps: number): TrainEvent => {
    const e = step(n);
    return e.kind === 'step' ? { ...e, totalSteps } : e;
  };

  it('is 1 before any step, and the largest budget any run announced', () => {
    expect(budget({})).toBe(1);
    expect(budget({ a: [withTotal(1, 40), withTotal(2, 40)], b: [withTotal(1, 90)] })).toBe(90);
  });

  it("reads a run's budget from its last step event, past later events of other kinds", () => {
    const sharpness = { kind: 'sharpness' } as unknown as TrainEvent;
    expect(budget({ a: [withTotal(1, 30), withTotal(2, 30), sharpness] })).toBe(30);
  });
});
