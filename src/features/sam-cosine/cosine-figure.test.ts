import { describe, expect, it } from 'vitest';
import type { MetricsHistory } from '../../app/metrics-bus';
import type { SamCosineEvent, TrainEvent } from '../../domain/api';
import { cosinePoints, cosineRedraw, cosineTraces, variantName } from './cosine-figure';

const at = (step: number, cosine: number, p: '2' | 'inf' = '2'): SamCosineEvent => ({
  kind: 'samCosine',
  step,
  epoch: 1,
  cosine,
  p,
  secondOrder: p === '2',
});
const step: TrainEvent = {
  kind: 'step',
  step: 1,
  epoch: 1,
  loss: 2,
  lr: 0.1,
  totalSteps: 4,
  elapsedMs: 1,
};

describe('SAM update cosine figure', () => {
  it('keeps finite measurements only, in order', () => {
    const events = [step, at(2, 0.99), at(4, NaN), at(6, 0.97)];
    expect(cosinePoints(events)).toEqual({ x: [2, 6], y: [0.99, 0.97] });
  });

  it('names the variant and draws one trace per run that measured', () => {
    expect(variantName([at(1, 1, 'inf')])).toBe('p = ∞, trains 1st order');
    expect(variantName([at(1, 0.9)])).toBe('p = 2, trains 2nd order');
    const history: MetricsHistory = {
      series: [
        { key: 'a', name: 'SAM', color: '#111', final: true },
        { key: 'b', name: 'SGD', color: '#222', final: true },
      ],
      events: { a: [at(1, 0.9), at(2, 0.8)], b: [step] },
      seq: 3,
    };
    const traces = cosineTraces(history) as { name: string; x: number[]; y: number[] }[];
    expect(traces.map((t) => [t.name, t.x, t.y])).toEqual([
      ['SAM · p = 2, trains 2nd order', [1, 2], [0.9, 0.8]],
    ]);
  });
});

describe('cosineRedraw', () => {
  const meta = { key: 'a', name: 'SAM', color: '#000', final: false };
  it('redraws for a cosine, and on session or run changes only while a cosine is shown', () => {
    const shown = { current: false };
    expect(cosineRedraw({ type: 'reset', runId: 1, seq: 1 }, shown)).toBe(false);
    expect(cosineRedraw({ type: 'series', runId: 1, seq: 2, series: meta }, shown)).toBe(false);
    const events = (e: TrainEvent[]) =>
      ({ type: 'events', runId: 1, seq: 3, key: 'a', events: e }) as const;
    expect(cosineRedraw(events([step]), shown)).toBe(false);
    expect(cosineRedraw(events([step, at(2, 0.9)]), shown)).toBe(true);
    expect(cosineRedraw({ type: 'series', runId: 1, seq: 4, series: meta }, shown)).toBe(true);
    // The reset clears a drawn figure once; the next session's run change finds it empty.
    expect(cosineRedraw({ type: 'reset', runId: 2, seq: 5 }, shown)).toBe(true);
    expect(cosineRedraw({ type: 'series', runId: 2, seq: 6, series: meta }, shown)).toBe(false);
  });
});
