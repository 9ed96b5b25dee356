import { describe, expect, it } from 'vitest';
import { createMetricsBus, type MetricsMessage } from './metrics-bus';
import type { TrainEvent } from '../worker/api';

const step = (n: number): TrainEvent => ({
  kind: 'step',
  step: n,
  epoch: 1,
  loss: 1 / n,
  lr: 0.05,
  totalSteps: 10,
  elapsedMs: n * 10,
});

describe('metrics bus', () => {
  it('delivers batches of the current run and keeps its history', () => {
    const bus = createMetricsBus();
    const seen: MetricsMessage[] = [];
    const unsubscribe = bus.subscribe((m) => seen.push(m));
    bus.reset(1);
    bus.emit(1, [step(1), step(2)]);
    bus.emit(1, [step(3)]);
    expect(bus.history().map((e) => (e.kind === 'step' ? e.step : -1))).toEqual([1, 2, 3]);
    expect(seen.map((m) => m.type)).toEqual(['reset', 'events', 'events']);
    unsubscribe();
    bus.emit(1, [step(4)]);
    expect(seen).toHaveLength(3);
  });

  it('drops batches of a replaced run and clears history on reset', () => {
    const bus = createMetricsBus();
    bus.reset(1);
    bus.emit(1, [step(1)]);
    bus.reset(2);
    expect(bus.history()).toEqual([]);
    bus.emit(1, [step(2)]);
    expect(bus.history()).toEqual([]);
    expect(bus.runId()).toBe(2);
  });
});
