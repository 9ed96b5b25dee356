/**
 * The "Sharpness during training" figure: each run's λ_max every k steps in its colour, and the
 * stability threshold its optimizer's steps imply, step by step from the lr actually used.
 */
import type { Data, Layout } from 'plotly.js';
import type { MetricsHistory, MetricsMessage, SeriesMeta } from '../../app/metrics-bus';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import type { SharpnessEvent, StepEvent, TrainEvent } from '../../domain/api';

/**
 * Gradient descent with step η on a quadratic diverges along an eigenvector whose eigenvalue
 * exceeds 2/η; heavy-ball momentum β moves that edge to 2(1+β)/η (Cohen et al. 2021, §2 and
 * appendix). NaN for a learning rate that is not positive.
 */
export function stabilityThreshold(lr: number, momentum: number): number {
  return lr > 0 ? (2 * (1 + momentum)) / lr : NaN;
}

/** The legend name of a threshold line: "2/η" without momentum, "2(1+β)/η, β = 0.9" with it. */
export function thresholdName(momentum: number): string {
  return momentum === 0 ? '2/η' : `2(1+β)/η, β = ${momentum}`;
}

/** A run's measurements: steps and λ_max, finite values only. */
export function lambdaPoints(events: readonly TrainEvent[]): { x: number[]; y: number[] } {
  const tracked = events.filter(
    (e): e is SharpnessEvent => e.kind === 'sharpness' && Number.isFinite(e.lambdaMax),
  );
  return { x: tracked.map((e) => e.step), y: tracked.map((e) => e.lambdaMax) };
}

/**
 * The threshold of every step as a step function (drawn with shape 'hv'): a point where the lr
 * changes and one at the last step, starting at step 0 with the lr of step 1. Null when the run
 * has no threshold (no measurement, or Adam: momentum null).
 */
export function thresholdPoints(
  events: readonly TrainEvent[],
): { x: number[]; y: number[]; momentum: number } | null {
  const first = events.find((e): e is SharpnessEvent => e.kind === 'sharpness');
  if (!first || first.momentum === null) return null;
  const momentum = first.momentum;
  const steps = events.filter((e): e is StepEvent => e.kind === 'step');
  const x: number[] = [];
  const y: number[] = [];
  steps.forEach((e, i) => {
    const prev = steps[i - 1];
    if (!prev) {
      x.push(0);
      y.push(stabilityThreshold(e.lr, momentum));
    } else if (prev.lr !== e.lr || i === steps.length - 1) {
      x.push(e.step);
      y.push(stabilityThreshold(e.lr, momentum));
    }
  });
  return x.length > 0 ? { x, y, momentum } : null;
}

/**
 * One line of the figure, as both the Plotly figure and the live canvas draw it: a run's λ_max
 * (lines and markers, in its colour) or a stability threshold (dashed, a step function).
 */
export interface TrackingLine {
  kind: 'lambda' | 'threshold';
  name: string;
  color: string;
  x: number[];
  y: number[];
  /** A λ line's series key (its legend group); a threshold line's threshold name. */
  group: string;
}

/**
 * Runs whose thresholds coincide (same lr schedule and momentum: SGD and SAM of a comparison)
 * share one line, grey and named after all of them; a run with a threshold of its own gets one
 * dashed in its colour.
 */
function thresholdLines(history: MetricsHistory): TrackingLine[] {
  const groups = new Map<string, { metas: SeriesMeta[]; x: number[]; y: number[]; m: number }>();
  for (const meta of history.series) {
    const t = thresholdPoints(history.events[meta.key] ?? []);
    if (!t) continue;
    const key = JSON.stringify([t.x, t.y]);
    const group = groups.get(key) ?? { metas: [], x: t.x, y: t.y, m: t.momentum };
    group.metas.push(meta);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({
    kind: 'threshold',
    name: `${thresholdName(g.m)} (${g.metas.map((m) => m.name).join(', ')})`,
    color: g.metas.length === 1 ? g.metas[0]!.color : COLORS.axis,
    x: g.x,
    y: g.y,
    group: thresholdName(g.m),
  }));
}

/** λ_max of every run that tracked it, then the threshold lines; none before a measurement. */
export function trackingLines(history: MetricsHistory): TrackingLine[] {
  const lambdas = history.series.flatMap((meta): TrackingLine[] => {
    const points = lambdaPoints(history.events[meta.key] ?? []);
    if (points.x.length === 0) return [];
    return [
      {
        kind: 'lambda',
        name: `${meta.name} · λ_max`,
        color: meta.color,
        ...points,
        group: meta.key,
      },
    ];
  });
  return lambdas.length > 0 ? [...lambdas, ...thresholdLines(history)] : [];
}

const HOVER = 'step %{x}<br>λ_max %{y:.4g}<extra>%{fullData.name}</extra>';

function toTrace(line: TrackingLine): Data {
  const common = { type: 'scatter', name: line.name, x: line.x, y: line.y };
  if (line.kind === 'lambda')
    return {
      ...common,
      mode: 'lines+markers',
      legendgroup: line.group,
      line: { color: line.color, width: 2 },
      marker: { color: line.color, size: 6 },
      hovertemplate: HOVER,
    } as Data;
  return {
    ...common,
    mode: 'lines',
    line: { color: line.color, width: 1.5, dash: 'dash', shape: 'hv' },
    hovertemplate: `step %{x}<br>${line.group} = %{y:.4g}<extra></extra>`,
  } as Data;
}

/** The Plotly traces of {@link trackingLines}. */
export function trackingTraces(history: MetricsHistory): Data[] {
  return trackingLines(history).map(toTrace);
}

export function trackingLayout(logY: boolean): Partial<Layout> {
  const title = 'λ_max of the training loss';
  return baseLayout({
    margin: { l: 60, r: 20, t: 8, b: 44 },
    hovermode: 'closest',
    xaxis: axis('Step', { rangemode: 'tozero' }),
    yaxis: axis(
      logY ? `${title} (log scale)` : title,
      logY ? { type: 'log' } : { rangemode: 'tozero' },
    ),
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 11 } },
  });
}

/**
 * Whether a bus message is worth a redraw: a λ_max measurement, or a session or run change while
 * the figure shows a tracked run. Each Plotly.react is a main-thread long task on a slow machine
 * (35–80 ms of script here), so an empty figure stays empty, and steps between measurements do
 * not redraw: the threshold line catches up at the next measurement and when the run ends (its
 * final name is a run change).
 */
export function touchesFigure(message: MetricsMessage, tracked: Set<string>): boolean {
  if (message.type !== 'events') {
    const shown = tracked.size > 0;
    if (message.type === 'reset') tracked.clear();
    return shown;
  }
  if (!message.events.some((e) => e.kind === 'sharpness')) return false;
  tracked.add(message.key);
  return true;
}
