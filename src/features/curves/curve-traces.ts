/**
 * Trace data for the training curves. Each series (one training run) owns a fixed block of
 * traces, in the order of TRACE, because Plotly.extendTraces addresses traces by index: series i
 * starts at i · TRACES_PER_SERIES. Colour tells runs apart; line style tells what is measured.
 */
import type { Data, Layout } from 'plotly.js';
import type { MetricsHistory, SeriesMeta } from '../../app/metrics-bus';
import { axis, baseLayout } from '../../components/plot/theme';
import type { EpochEvent, PlanEvent, StepEvent, TrainEvent } from '../../domain/api';

/** Position of each trace within a series' block. */
export const TRACE = {
  batchLoss: 0,
  trainLoss: 1,
  testLoss: 2,
  trainAcc: 3,
  testAcc: 4,
  avgTrainLoss: 5,
  avgTestLoss: 6,
  avgTrainAcc: 7,
  avgTestAcc: 8,
  /** Also the run's one legend entry (clicking it toggles the whole run). */
  lr: 9,
  swaStart: 10,
} as const;

export const TRACES_PER_SERIES = Object.keys(TRACE).length;

/** Points to append, as Plotly.extendTraces takes them: trace indices and one x/y array each. */
export interface Columns {
  indices: number[];
  x: number[][];
  y: number[][];
}

type Metric = 'trainLoss' | 'testLoss' | 'trainAcc' | 'testAcc';
const METRICS: Metric[] = ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'];
const AVERAGED: Record<Metric, number> = {
  trainLoss: TRACE.avgTrainLoss,
  testLoss: TRACE.avgTestLoss,
  trainAcc: TRACE.avgTrainAcc,
  testAcc: TRACE.avgTestAcc,
};

/** The points of a batch of events for the series whose traces start at `base`. */
export function seriesColumns(events: readonly TrainEvent[], base: number): Columns {
  const cols: Columns = { indices: [], x: [], y: [] };
  const add = (trace: number, x: number[], y: number[]) => {
    if (x.length === 0) return;
    cols.indices.push(base + trace);
    cols.x.push(x);
    cols.y.push(y);
  };
  const steps = events.filter((e): e is StepEvent => e.kind === 'step');
  const epochs = events.filter((e): e is EpochEvent => e.kind === 'epoch');
  const averaged = epochs.filter((e) => e.averaged);
  add(
    TRACE.batchLoss,
    steps.map((e) => e.step),
    steps.map((e) => e.loss),
  );
  add(
    TRACE.lr,
    steps.map((e) => e.step),
    steps.map((e) => e.lr),
  );
  for (const m of METRICS) {
    add(
      TRACE[m],
      epochs.map((e) => e.step),
      epochs.map((e) => e[m]),
    );
    add(
      AVERAGED[m],
      averaged.map((e) => e.step),
      averaged.map((e) => e.averaged?.[m] ?? NaN),
    );
  }
  // A vertical line from the bottom to the top of the loss plot (its own [0, 1] axis).
  const plan = events.find(
    (e): e is PlanEvent => e.kind === 'plan' && e.swaStartStep !== undefined,
  );
  if (plan?.swaStartStep !== undefined)
    add(TRACE.swaStart, [plan.swaStartStep, plan.swaStartStep], [0, 1]);
  return cols;
}

/**
 * Several {@link Columns} as one: each trace's points concatenated in the given order, so a
 * burst of event batches becomes one Plotly.extendTraces call.
 */
export function mergeColumns(parts: readonly Columns[]): Columns {
  const byTrace = new Map<number, { x: number[]; y: number[] }>();
  for (const cols of parts) {
    cols.indices.forEach((trace, i) => {
      const into = byTrace.get(trace) ?? { x: [], y: [] };
      into.x.push(...cols.x[i]!);
      into.y.push(...cols.y[i]!);
      byTrace.set(trace, into);
    });
  }
  const indices = [...byTrace.keys()];
  return {
    indices,
    x: indices.map((i) => byTrace.get(i)!.x),
    y: indices.map((i) => byTrace.get(i)!.y),
  };
}

export interface LineStyle {
  name: string;
  yaxis: 'y' | 'y2' | 'y3' | 'y4';
  dash?: 'solid' | 'dash' | 'dot' | 'dashdot';
  marker?: 'circle' | 'diamond';
  hover: string;
}

const LOSS = 'step %{x}<br>%{y:.4f}';
const ACC = 'step %{x}<br>%{y:.1%}';

/** What each trace shows; the name is prefixed with the run's. */
export const STYLES: Record<keyof typeof TRACE, LineStyle> = {
  batchLoss: { name: 'batch loss', yaxis: 'y', hover: LOSS },
  trainLoss: { name: 'train loss', yaxis: 'y', dash: 'solid', marker: 'circle', hover: LOSS },
  testLoss: { name: 'test loss', yaxis: 'y', dash: 'dash', marker: 'circle', hover: LOSS },
  trainAcc: { name: 'train accuracy', yaxis: 'y2', dash: 'solid', marker: 'circle', hover: ACC },
  testAcc: { name: 'test accuracy', yaxis: 'y2', dash: 'dash', marker: 'circle', hover: ACC },
  avgTrainLoss: {
    name: 'SWA average train loss',
    yaxis: 'y',
    dash: 'dot',
    marker: 'diamond',
    hover: LOSS,
  },
  avgTestLoss: {
    name: 'SWA average test loss',
    yaxis: 'y',
    dash: 'dashdot',
    marker: 'diamond',
    hover: LOSS,
  },
  avgTrainAcc: {
    name: 'SWA average train accuracy',
    yaxis: 'y2',
    dash: 'dot',
    marker: 'diamond',
    hover: ACC,
  },
  avgTestAcc: {
    name: 'SWA average test accuracy',
    yaxis: 'y2',
    dash: 'dashdot',
    marker: 'diamond',
    hover: ACC,
  },
  lr: { name: 'learning rate', yaxis: 'y3', hover: 'step %{x}<br>learning rate %{y:.3~g}' },
  swaStart: { name: 'SWA starts', yaxis: 'y4', dash: 'dash', hover: 'SWA starts at step %{x}' },
};

function styledTrace(meta: SeriesMeta, style: LineStyle, trace: number): Data {
  const faint = trace === TRACE.batchLoss;
  return {
    type: 'scatter',
    mode: style.marker ? 'lines+markers' : 'lines',
    name: `${meta.name} · ${style.name}`,
    x: [],
    y: [],
    xaxis: 'x',
    yaxis: style.yaxis,
    legendgroup: meta.key,
    showlegend: false,
    opacity: faint ? 0.35 : 1,
    line: {
      color: meta.color,
      width: faint || trace === TRACE.lr ? 1.25 : 2,
      dash: style.dash ?? 'solid',
      shape: trace === TRACE.lr ? 'hv' : 'linear',
    },
    ...(style.marker ? { marker: { color: meta.color, size: 7, symbol: style.marker } } : {}),
    hovertemplate: style.hover,
  } as Data;
}

/**
 * A series' block of empty traces, styled in its run's colour. The lr trace doubles as the run's
 * legend entry: Plotly lists no trace without points, and a step fills the lr and the loss plot
 * at once (a point in one subplot while another has none upsets Plotly's layout).
 */
export function seriesTraces(meta: SeriesMeta): Data[] {
  return (Object.keys(STYLES) as (keyof typeof STYLES)[]).map((k) => {
    const trace = styledTrace(meta, STYLES[k], TRACE[k]);
    return k === 'lr' ? ({ ...trace, name: meta.name, showlegend: true } as Data) : trace;
  });
}

/**
 * An invisible trace on the accuracy axis. Plotly.react draws the accuracy axis line
 * at NaN ("M59.5,NaNVNaN", a console error) when the loss plot has points and the accuracy plot
 * none, as after a run stopped or diverged before its first epoch. It sits after every series'
 * block, so the blocks' indices (which Plotly.extendTraces uses) do not move.
 */
export const ACCURACY_ANCHOR: Data = {
  // One transparent marker at (0, 0), inside the axes' ranges ([0, 1] and from 0): a point Plotly
  // lays the subplot out for, and a finite value for anyone reading the figure's data.
  type: 'scatter',
  mode: 'markers',
  x: [0],
  y: [0],
  marker: { opacity: 0 },
  xaxis: 'x',
  yaxis: 'y2',
  hoverinfo: 'skip',
  showlegend: false,
};

/** Every series of a session, filled with the events so far (then the accuracy anchor). */
export function buildTraces(history: MetricsHistory): Data[] {
  if (history.series.length === 0) return [];
  return [...seriesBlocks(history), ACCURACY_ANCHOR];
}

function seriesBlocks(history: MetricsHistory): Data[] {
  return history.series.flatMap((meta) => {
    const traces = seriesTraces(meta);
    const cols = seriesColumns(history.events[meta.key] ?? [], 0);
    cols.indices.forEach((index, i) => {
      const trace = traces[index] as { x: number[]; y: number[] };
      trace.x = cols.x[i] ?? [];
      trace.y = cols.y[i] ?? [];
    });
    return traces;
  });
}

/** Loss on top (largest), accuracy in the middle, the learning rate in a strip at the bottom. */
export function curvesLayout(): Partial<Layout> {
  // Fixed margins, wide enough for these axes' tick labels ("0.25", "100%", "0.001"): automatic
  // ones make Plotly measure every tick label and draw the figure a second time once margins
  // move, which made the hand-over from the live canvas a 150–200 ms task at each run's end.
  const fixed = { automargin: false };
  return baseLayout({
    margin: { l: 60, r: 20, t: 8, b: 44 },
    // Several runs overlap at every step: a unified hover would list dozens of values.
    hovermode: 'closest',
    xaxis: axis('Step', { ...fixed, anchor: 'y3', rangemode: 'tozero' }),
    yaxis: axis('Loss', { ...fixed, domain: [0.5, 1], rangemode: 'tozero' }),
    yaxis2: axis('Accuracy', {
      ...fixed,
      domain: [0.22, 0.44],
      range: [0, 1],
      tickformat: '.0%',
    }),
    yaxis3: axis('LR', { ...fixed, domain: [0, 0.15], rangemode: 'tozero', nticks: 3 }),
    // The "SWA starts" markers span the loss plot whatever its range: [0, 1] on a hidden overlay.
    yaxis4: { overlaying: 'y', range: [0, 1], visible: false, fixedrange: true },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 11 } },
  });
}
