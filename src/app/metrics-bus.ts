/**
 * A transient channel for per-step metrics. Training emits hundreds of points a second; routing
 * them through React state would re-render the page for each batch, so the curves plot subscribes
 * here and appends to Plotly directly. The current session's events (one Train: one series; one
 * Compare: one series per optimizer) are kept so that a plot mounted late can redraw what it missed.
 */
import type { TrainEvent } from '../domain/api';

/** One training run's curves within a session. */
export interface SeriesMeta {
  /** The worker's run id, or a provisional key while the id is not known yet. */
  key: string;
  name: string;
  color: string;
  /** False while the run trains: name and colour are provisional until its RunInfo arrives. */
  final: boolean;
}

/** Every message has a sequence number, so a redraw from `history()` knows what it already holds. */
export type MetricsMessage =
  | { type: 'reset'; runId: number; seq: number }
  | { type: 'series'; runId: number; seq: number; series: SeriesMeta }
  | { type: 'events'; runId: number; seq: number; key: string; events: readonly TrainEvent[] };

export type MetricsListener = (message: MetricsMessage) => void;

export interface MetricsHistory {
  /** Series in the order they were announced (the order of their traces). */
  series: readonly SeriesMeta[];
  events: Readonly<Record<string, readonly TrainEvent[]>>;
  /** Sequence number of the newest message this history includes. */
  seq: number;
}

export interface MetricsBus {
  /** Starts a new session: drops the history and tells subscribers to clear their plots. */
  reset: (runId: number) => void;
  /** Announces a series, or updates its name and colour (same key). */
  series: (runId: number, meta: SeriesMeta) => void;
  /** Events of an announced series; others are dropped. */
  emit: (runId: number, key: string, events: readonly TrainEvent[]) => void;
  subscribe: (listener: MetricsListener) => () => void;
  history: () => MetricsHistory;
  runId: () => number;
}

export function createMetricsBus(): MetricsBus {
  const listeners = new Set<MetricsListener>();
  let series: SeriesMeta[] = [];
  let events: Record<string, TrainEvent[]> = {};
  let currentRun = 0;
  let seq = 0;
  const send = (message: MetricsMessage) => listeners.forEach((listener) => listener(message));

  return {
    reset: (runId) => {
      currentRun = runId;
      series = [];
      events = {};
      send({ type: 'reset', runId, seq: ++seq });
    },
    series: (runId, meta) => {
      if (runId !== currentRun) return;
      const at = series.findIndex((s) => s.key === meta.key);
      series = at < 0 ? [...series, meta] : series.map((s, i) => (i === at ? meta : s));
      events[meta.key] ??= [];
      send({ type: 'series', runId, seq: ++seq, series: meta });
    },
    emit: (runId, key, batch) => {
      // Late batches of a replaced session must not leak into the new session's curves.
      const list = events[key];
      if (runId !== currentRun || batch.length === 0 || !list) return;
      list.push(...batch);
      send({ type: 'events', runId, seq: ++seq, key, events: batch });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    history: () => ({ series, events, seq }),
    runId: () => currentRun,
  };
}

/** Whether a session is training: some run of it has no final name yet. */
export const isTraining = (history: MetricsHistory): boolean =>
  history.series.some((s) => !s.final);

/**
 * The step budget: the largest `totalSteps` any run announced (1 before the first step). A run's
 * budget is fixed by its plan, so its last step event says it: each live-canvas frame reads one
 * event per run, not the whole history.
 */
export function stepBudget(history: MetricsHistory): number {
  let total = 1;
  for (const events of Object.values(history.events))
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i]!;
      if (e.kind !== 'step') continue;
      total = Math.max(total, e.totalSteps);
      break;
    }
  return total;
}
