import { describe, expect, it } from 'vitest';
import type { RunInfo, SharpnessReport, SliceResult } from '../../domain/api';
import { comparisonLayout, comparisonTraces } from './comparison-figure';
import type { ComparisonResult } from './comparison-state';
import { comparisonRows, sliceBasin } from './comparison-table';

const run = (id: string, name: string, color: string, hasAverage = false) =>
  ({
    id,
    name,
    color,
    hasAverage,
    summary: { final: { trainLoss: 0.1, trainAcc: 0.9, testLoss: 0.2, testAcc: 0.8 } },
  }) as RunInfo;

const slice = (depth: number): SliceResult => ({
  t: [-1, -0.5, 0, 0.5, 1],
  trainLoss: [2, 1 + depth, depth, 1 + depth, 2],
  testLoss: [2, 2, 1, 2, 2],
  trainAcc: [0, 0, 1, 0, 0],
  testAcc: [0, 0, 1, 0, 0],
});

const report = (lambda: number, trace: number) =>
  ({
    lambdaMax: { value: lambda, iterations: 3 },
    trace: { trace, stdError: 0.5 },
  }) as SharpnessReport;

const results: ComparisonResult[] = [
  { run: run('a', 'SGD', '#111111'), slice: slice(0.5), report: report(12, 80) },
  { run: run('b', 'SWA', '#222222', true), slice: slice(0.1), report: report(4, 30) },
  { run: run('c', 'SAM', '#333333'), slice: null, report: null },
];

describe('the comparison overlay', () => {
  it('draws one finite curve per run that has its slice, in the run’s colour', () => {
    const traces = comparisonTraces(results) as {
      name: string;
      x: number[];
      y: (number | null)[];
      line: { color: string };
    }[];
    expect(traces.map((t) => [t.name, t.line.color])).toEqual([
      ['SGD', '#111111'],
      ['SWA', '#222222'],
    ]);
    for (const t of traces) {
      expect(t.x).toEqual([-1, -0.5, 0, 0.5, 1]);
      expect(t.y.every((y) => typeof y === 'number' && Number.isFinite(y))).toBe(true);
    }
    expect(traces[1]!.y[2]).toBe(0.1);
  });

  it('leaves a gap where the loss is not finite instead of drawing a number', () => {
    const broken = { ...slice(0.2), trainLoss: [2, NaN, 0.2, Infinity, 2] };
    const [trace] = comparisonTraces([{ ...results[0]!, slice: broken }]) as { y: unknown[] }[];
    expect(trace!.y).toEqual([2, null, 0.2, null, 2]);
  });

  it('names its axes', () => {
    const layout = comparisonLayout() as { xaxis: { title: { text: string } } };
    expect(layout.xaxis.title.text).toMatch(/random direction/);
  });
});

describe('the comparison table', () => {
  it('has one row per run with λ_max, trace ± s.e. and the basin width at the level', () => {
    const rows = comparisonRows(results, { kind: 'absolute', value: 1.25 });
    expect(rows.map((r) => [r.name, r.weights, r.lambdaMax, r.trace])).toEqual([
      ['SGD', 'final', '12', '80 ± 0.5'],
      ['SWA', 'average', '4', '30 ± 0.5'],
      ['SAM', 'final', '—', '—'],
    ]);
    // SGD: loss 1.5 at ±0.5 and 0.5 at 0, so 1.25 is crossed at ±0.375.
    expect(rows[0]!.values.basin).toBeCloseTo(0.75, 9);
    // SWA: 1.1 at ±0.5, 2 at ±1: crossed at ±(0.5 + 0.15/0.9·0.5).
    expect(rows[1]!.values.basin).toBeCloseTo(2 * (0.5 + (0.15 / 0.9) * 0.5), 9);
    expect(rows[2]!.basin).toBe('—');
    expect(rows[0]!.testAcc).toBe('80.0%');
  });

  it('marks a basin that runs past the plotted range as a lower bound', () => {
    const basin = sliceBasin(slice(0.1), { kind: 'absolute', value: 5 });
    expect(basin).toMatchObject({ width: 2, lowerBound: true });
    const [row] = comparisonRows([{ ...results[0]!, slice: slice(0.1) }], {
      kind: 'absolute',
      value: 5,
    });
    expect(row!.basin).toBe('≥ 2');
  });
});
