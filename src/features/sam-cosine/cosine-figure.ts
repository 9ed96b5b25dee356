/**
 * The "SAM: first- vs second-order update" figure (Foret et al. 2021, Fig. 5): each SAM run's
 * cosine between g_SAM and g_SAM + (dε̂/dw)ᵀ·g_SAM every k steps, in the run's colour.
 */
import type { Data, Layout } from 'plotly.js';
import type { MetricsHistory, MetricsMessage, SeriesMeta } from '../../app/metrics-bus';
import { axis, baseLayout } from '../../components/plot/theme';
import type { SamCosineEvent, TrainEvent } from '../../domain/api';

/** Whether a run's events hold a cosine measurement. */
export const hasCosine = (events: readonly TrainEvent[]) =>
  events.some((e) => e.kind === 'samCosine');

/** A run's measurements: steps and cosines, finite values only. */
export function cosinePoints(events: readonly TrainEvent[]): { x: number[]; y: number[] } {
  const tracked = events.filter(
    (e): e is SamCosineEvent => e.kind === 'samCosine' && Number.isFinite(e.cosine),
  );
  return { x: tracked.map((e) => e.step), y: tracked.map((e) => e.cosine) };
}

/** "p = 2, trains 2nd order": which SAM the run is, from its first measurement. */
export function variantName(events: readonly TrainEvent[]): string {
  const first = events.find((e): e is SamCosineEvent => e.kind === 'samCosine');
  if (!first) return '';
  const p = first.p === 'inf' ? '∞' : '2';
  return `p = ${p}, trains ${first.secondOrder ? '2nd' : '1st'} order`;
}

function cosineTrace(meta: SeriesMeta, events: readonly TrainEvent[]): Data {
  const points = cosinePoints(events);
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: `${meta.name} · ${variantName(events)}`,
    x: points.x,
    y: points.y,
    line: { color: meta.color, width: 2 },
    marker: { color: meta.color, size: 6 },
    hovertemplate: 'step %{x}<br>cos %{y:.6f}<extra>%{fullData.name}</extra>',
  } as Data;
}

/** One trace per run that measured the cosine. */
export function cosineTraces(history: MetricsHistory): Data[] {
  return history.series.flatMap((meta) => {
    const events = history.events[meta.key] ?? [];
    return cosinePoints(events).x.length > 0 ? [cosineTrace(meta, events)] : [];
  });
}

export function cosineLayout(): Partial<Layout> {
  return baseLayout({
    margin: { l: 60, r: 20, t: 8, b: 44 },
    hovermode: 'closest',
    xaxis: axis('Step', { rangemode: 'tozero' }),
    yaxis: axis('cos(1st-order, 2nd-order update)', {}),
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 11 } },
  });
}

/**
 * Whether a bus message changes the figure: a cosine measurement, or a session or run change
 * while the figure shows one (`shown`). An empty figure stays empty: each Plotly.react is a
 * main-thread long task on a slow machine, at the start and end of every run.
 */
export function cosineRedraw(message: MetricsMessage, shown: { current: boolean }): boolean {
  if (message.type === 'events') {
    if (!hasCosine(message.events)) return false;
    shown.current = true;
    return true;
  }
  const was = shown.current;
  if (message.type === 'reset') shown.current = false;
  return was;
}
