/**
 * Trace data for the training curves. Trace order is fixed because Plotly.extendTraces addresses
 * traces by index: 0 per-step loss, 1–2 per-epoch train/test loss, 3–4 per-epoch train/test accuracy.
 */
import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import type { EpochEvent, StepEvent, TrainEvent } from '../../worker/api';

export const STEP_TRACES = [0];
export const EPOCH_TRACES = [1, 2, 3, 4];

export interface Columns {
  x: number[][];
  y: number[][];
}

/** Steps and epochs of a batch as extendTraces columns (one x and one y array per trace). */
export function toColumns(events: readonly TrainEvent[]): { steps: Columns; epochs: Columns } {
  const steps = events.filter((e): e is StepEvent => e.kind === 'step');
  const epochs = events.filter((e): e is EpochEvent => e.kind === 'epoch');
  const ex = epochs.map((e) => e.step);
  return {
    steps: { x: [steps.map((e) => e.step)], y: [steps.map((e) => e.loss)] },
    epochs: {
      x: [ex, ex, ex, ex],
      y: [
        epochs.map((e) => e.trainLoss),
        epochs.map((e) => e.testLoss),
        epochs.map((e) => e.trainAcc),
        epochs.map((e) => e.testAcc),
      ],
    },
  };
}

function epochTrace(name: string, color: string, yaxis: 'y' | 'y2', dash: boolean): Data {
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x: [],
    y: [],
    yaxis,
    line: { color, width: 2, dash: dash ? 'dot' : 'solid' },
    marker: { color, size: 7 },
    hovertemplate: yaxis === 'y2' ? '%{y:.1%}' : '%{y:.4f}',
  };
}

/** All five traces, filled with the given events (an empty run gives empty traces). */
export function buildTraces(events: readonly TrainEvent[]): Data[] {
  const traces: Data[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'Train loss (per step)',
      x: [],
      y: [],
      line: { color: COLORS.trainLight, width: 1 },
      hovertemplate: '%{y:.4f}',
    },
    epochTrace('Train loss (epoch)', COLORS.train, 'y', false),
    epochTrace('Test loss (epoch)', COLORS.test, 'y', false),
    epochTrace('Train accuracy', COLORS.train, 'y2', true),
    epochTrace('Test accuracy', COLORS.test, 'y2', true),
  ];
  const { steps, epochs } = toColumns(events);
  const fill = (index: number, cols: Columns, col: number) => {
    const trace = traces[index] as { x: number[]; y: number[] };
    trace.x = cols.x[col] ?? [];
    trace.y = cols.y[col] ?? [];
  };
  fill(0, steps, 0);
  EPOCH_TRACES.forEach((traceIndex, col) => fill(traceIndex, epochs, col));
  return traces;
}

/** Loss on top (larger), accuracy below, sharing the step axis. */
export function curvesLayout(): Partial<Layout> {
  return baseLayout({
    margin: { l: 60, r: 20, t: 8, b: 44 },
    xaxis: axis('Step', { anchor: 'y2', rangemode: 'tozero' }),
    yaxis: axis('Loss', { domain: [0.4, 1], rangemode: 'tozero' }),
    yaxis2: axis('Accuracy', { domain: [0, 0.3], range: [0, 1], tickformat: '.0%' }),
    legend: { orientation: 'h', x: 0, y: 1.04, yanchor: 'bottom', font: { size: 11 } },
  });
}
