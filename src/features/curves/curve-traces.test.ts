import { describe, expect, it } from 'vitest';
import {
  ACCURACY_ANCHOR,
  buildTraces,
  curvesLayout,
  mergeColumns,
  seriesColumns,
  seriesTraces,
  TRACE,
  TRACES_PER_SERIES,
} from './curve-traces';
import type { MetricsHistory, SeriesMeta } from '../../app/metrics-bus';
import type { TrainEvent } from '../../domain/api';

const plain: TrainEvent[] = [
  { kind: 'plan', totalSteps: 4, stepsPerEpoch: 2, labelsChanged: 0 },
  { kind: 'step', step: 1, epoch: 1, loss: 2.3, lr: 0.05, totalSteps: 4, elapsedMs: 10 },
  { kind: 'step', step: 2, epoch: 1, loss: 1.9, lr: 0.04, totalSteps: 4, elapsedMs: 20 },
  {
    kind: 'epoch',
    epoch: 1,
    step: 2,
    trainLoss: 1.8,
    trainAcc: 0.4,
    testLoss: 1.9,
    testAcc: 0.38,
  },
];

const averaging: TrainEvent[] = [
  { kind: 'plan', totalSteps: 4, stepsPerEpoch: 2, swaStartStep: 4, labelsChanged: 0 },
  { kind: 'step', step: 4, epoch: 2, loss: 1.2, lr: 0.025, totalSteps: 4, elapsedMs: 40 },
  {
    kind: 'epoch',
    epoch: 2,
    step: 4,
    trainLoss: 1.1,
    trainAcc: 0.6,
    testLoss: 1.2,
    testAcc: 0.55,
    averaged: { nAveraged: 1, trainLoss: 1.0, trainAcc: 0.65, testLoss: 1.05, testAcc: 0.6 },
  },
];

const sgd: SeriesMeta = { key: 'run-1', name: 'SGD', color: '#1f77b4', final: true };
const swa: SeriesMeta = { key: 'run-2', name: 'SWA', color: '#2ca02c', final: true };

type Trace = {
  name: string;
  x: number[];
  y: number[];
  yaxis?: string;
  showlegend: boolean;
  legendgroup: string;
  line: { color: string; dash: string };
};

describe('curve traces', () => {
  it('puts steps on the batch-loss and learning-rate traces and epochs on the metric traces', () => {
    const cols = seriesColumns(plain, 0);
    const at = (trace: number) => cols.indices.indexOf(trace);
    expect(cols.indices).toEqual([
      TRACE.batchLoss,
      TRACE.lr,
      TRACE.trainLoss,
      TRACE.testLoss,
      TRACE.trainAcc,
      TRACE.testAcc,
    ]);
    expect(cols.y[at(TRACE.batchLoss)]).toEqual([2.3, 1.9]);
    expect(cols.x[at(TRACE.lr)]).toEqual([1, 2]);
    expect(cols.y[at(TRACE.lr)]).toEqual([0.05, 0.04]);
    expect(cols.y[at(TRACE.testAcc)]).toEqual([0.38]);
    expect(cols.x[at(TRACE.testAcc)]).toEqual([2]);
  });

  it('adds the averaged metrics and a vertical SWA-start marker for averaging runs', () => {
    const base = 2 * TRACES_PER_SERIES;
    const cols = seriesColumns(averaging, base);
    const at = (trace: number) => cols.indices.indexOf(base + trace);
    expect(cols.x[at(TRACE.swaStart)]).toEqual([4, 4]);
    expect(cols.y[at(TRACE.swaStart)]).toEqual([0, 1]);
    expect(cols.y[at(TRACE.avgTrainLoss)]).toEqual([1.0]);
    expect(cols.y[at(TRACE.avgTestAcc)]).toEqual([0.6]);
    expect(cols.indices.every((i) => i >= base && i < base + TRACES_PER_SERIES)).toBe(true);
    // No averaged points and no marker for a run that does not average.
    const none = seriesColumns(plain, 0).indices;
    expect(none).not.toContain(TRACE.swaStart);
    expect(none).not.toContain(TRACE.avgTestLoss);
  });

  it('styles a series in its run colour with one legend entry named after the run', () => {
    const traces = seriesTraces(swa) as unknown as Trace[];
    expect(traces).toHaveLength(TRACES_PER_SERIES);
    // The lr trace is the run's legend entry, named after the run.
    expect(traces.filter((t) => t.showlegend).map((t) => t.name)).toEqual(['SWA']);
    expect(traces[TRACE.lr]).toMatchObject({ name: 'SWA', yaxis: 'y3', showlegend: true });
    expect(traces.every((t) => t.line.color === '#2ca02c' && t.legendgroup === 'run-2')).toBe(true);
    expect(traces[TRACE.swaStart]).toMatchObject({ name: 'SWA · SWA starts', yaxis: 'y4' });
    expect(traces[TRACE.avgTestLoss]?.name).toBe('SWA · SWA average test loss');
    expect(traces[TRACE.testLoss]?.line.dash).toBe('dash');
  });

  it('rebuilds every series of a session from the history', () => {
    const history: MetricsHistory = {
      series: [sgd, swa],
      events: { 'run-1': plain, 'run-2': averaging },
      seq: 9,
    };
    const traces = buildTraces(history) as unknown as Trace[];
    expect(traces).toHaveLength(2 * TRACES_PER_SERIES + 1);
    expect(traces[2 * TRACES_PER_SERIES]).toBe(ACCURACY_ANCHOR);
    expect(traces[TRACE.batchLoss]).toMatchObject({ x: [1, 2], y: [2.3, 1.9] });
    const second = traces.slice(TRACES_PER_SERIES);
    expect(second[TRACE.swaStart]).toMatchObject({ x: [4, 4], y: [0, 1] });
    expect(second[TRACE.avgTestAcc]).toMatchObject({ x: [4], y: [0.6] });
    expect(buildTraces({ series: [], events: {}, seq: 0 })).toEqual([]);
  });

  it('lays out loss, accuracy and learning rate on one step axis', () => {
    const layout = curvesLayout();
    expect(layout.xaxis?.anchor).toBe('y3');
    expect(layout.yaxis4).toMatchObject({ overlaying: 'y', range: [0, 1], visible: false });
    expect(layout.hovermode).toBe('closest');
  });
});

describe('mergeColumns', () => {
  it('draws several batches in one call with the same points, in order, as batch by batch', () => {
    const steps = plain.slice(1, 3);
    const one = seriesColumns(plain, 0);
    const split = [seriesColumns([plain[0]!, steps[0]!], 0), seriesColumns(plain.slice(2), 0)];
    const merged = mergeColumns(split);
    const points = (c: typeof one) =>
      Object.fromEntries(c.indices.map((t, i) => [t, { x: c.x[i], y: c.y[i] }]));
    expect(points(merged)).toEqual(points(one));
    expect(merged.x[merged.indices.indexOf(TRACE.batchLoss)]).toEqual([1, 2]);
    // Two series keep their own trace blocks.
    const two = mergeColumns([one, seriesColumns(averaging, TRACES_PER_SERIES)]);
    expect(two.indices.filter((t) => t >= TRACES_PER_SERIES).length).toBeGreaterThan(0);
    expect(new Set(two.indices).size).toBe(two.indices.length);
  });
});
