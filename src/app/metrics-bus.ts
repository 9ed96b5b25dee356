/**
 * A transient channel for per-step metrics. Training emits hundreds of points a second; routing
 * them through React state would re-render the page for each batch, so the curves plot subscribes
 * here and appends to Plotly directly. The current run's events are kept so that a plot mounted
 * late (or remounted) can redraw what it missed.
 */
import type { TrainEvent } from '../worker/api';

export type MetricsMessage =
  | { type: 'reset'; runId: number }
  | { type: 'events'; runId: number; events: readonly TrainEvent[] };

export type MetricsListener = (message: MetricsMessage) => void;

export interface MetricsBus {
  /** Starts a new run: drops the history and tells subscribers to clear their plots. */
  reset: (runId: number) => void;
  emit: (runId: number, events: readonly TrainEvent[]) => void;
  subscribe: (listener: MetricsListener) => () => void;
  /** All events of the current run so far, in arrival order. */
  history: () => readonly TrainEvent[];
  runId: () => number;
}

export function createMetricsBus(): MetricsBus {
  const listeners = new Set<MetricsListener>();
  let events: TrainEvent[] = [];
  let currentRun = 0;
  const send = (message: MetricsMessage) => listeners.forEach((listener) => listener(message));

  return {
    reset: (runId) => {
      currentRun = runId;
      events = [];
      send({ type: 'reset', runId });
    },
    emit: (runId, batch) => {
      // Late batches of a replaced run must not leak into the new run's curves.
      if (runId !== currentRun || batch.length === 0) return;
      events.push(...batch);
      send({ type: 'events', runId, events: batch });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    history: () => events,
    runId: () => currentRun,
  };
}
