import { useEffect, useState } from 'react';
import { createLiveCanvas } from './live-canvas';
import { useServices } from '../../app/services';
import type { MetricsBus, MetricsMessage } from '../../app/metrics-bus';
import { DrawnPlot } from '../../components/plot/DrawnPlot';
import { LiveCanvas } from '../../components/plot/LiveCanvas';
import { whenIdle } from '../../components/plot/canvas-layer';
import { PLOT_CONFIG } from '../../components/plot/theme';
import Plotly from '../../components/plot/plotly-bundle';
import {
  buildTraces,
  curvesLayout,
  mergeColumns,
  seriesColumns,
  TRACES_PER_SERIES,
  type Columns,
} from './curve-traces';

type Work = (gd: HTMLElement) => Promise<unknown>;
type EventsMessage = Extract<MetricsMessage, { type: 'events' }>;

/**
 * Least time between two appends. Plotly.extendTraces redraws the whole figure (every trace,
 * axis and legend entry: tens of milliseconds, more on a busy machine), and the worker sends a
 * batch every 250 ms or every step, so drawing each batch as it comes kept the main thread busy
 * in long tasks; batches arriving within this interval are drawn together in one animation frame.
 */
export const APPEND_INTERVAL_MS = 1000;

/**
 * Plotly calls, one after another, so that a redraw never interleaves with an append. `drawn` is
 * the bus sequence number the figure reflects: an append it already holds is skipped.
 */
function createPlotQueue(bus: MetricsBus) {
  const graph: { current: HTMLElement | null } = { current: null };
  const attach = (gd: HTMLElement | null) => {
    graph.current = gd;
  };
  let queue: Promise<unknown> = Promise.resolve();
  const drawn = { current: 0 };
  const enqueue = (work: Work) => {
    queue = queue.then(() => (graph.current ? work(graph.current) : undefined));
    queue = queue.catch(() => undefined);
    return queue;
  };
  // The history is read now, not when the work runs: later messages append to it in order.
  const redraw = () => {
    const history = bus.history();
    const data = buildTraces(history);
    return enqueue(async (gd) => {
      await Plotly.react(gd, data, curvesLayout(), PLOT_CONFIG);
      drawn.current = history.seq;
    });
  };
  let pending: EventsMessage[] = [];
  let lastAppend = -Infinity;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    lastAppend = performance.now();
    const messages = pending;
    pending = [];
    enqueue(async (gd) => {
      const fresh = messages.filter((m) => m.seq > drawn.current);
      const cols = batchColumns(bus, fresh);
      if (cols.indices.length > 0)
        await Plotly.extendTraces(gd, { x: cols.x, y: cols.y }, cols.indices);
      if (fresh.length > 0) drawn.current = fresh[fresh.length - 1]!.seq;
    });
  };
  const append = (message: EventsMessage) => {
    pending.push(message);
    if (scheduled) return;
    scheduled = true;
    const wait = Math.max(0, lastAppend + APPEND_INTERVAL_MS - performance.now());
    setTimeout(() => requestAnimationFrame(flush), wait);
  };
  /** Redraws if the bus has moved on since the figure was last drawn. */
  const catchUp = () => {
    if (bus.history().seq > drawn.current) void redraw();
  };
  return { attach, redraw, append, catchUp };
}

/** The points of several event batches as one extendTraces call. */
function batchColumns(bus: MetricsBus, messages: EventsMessage[]): Columns {
  const series = bus.history().series;
  return mergeColumns(
    messages.flatMap((m) => {
      const index = series.findIndex((s) => s.key === m.key);
      return index < 0 ? [] : [seriesColumns(m.events, index * TRACES_PER_SERIES)];
    }),
  );
}

/**
 * The curves are drawn imperatively, so a training step never causes a React render. While a
 * session trains (from its reset until every run has its final name), the live canvas draws them
 * (`live-canvas.ts`: a few milliseconds per frame, where each Plotly redraw was a main-thread long
 * task); then the Plotly figure is rebuilt from the bus history, with hover, zoom and legend.
 * Batches that arrive for a finished session are appended with Plotly.extendTraces.
 */
export function CurvesPlot() {
  const { bus } = useServices();
  const [plot] = useState(() => createPlotQueue(bus));
  const [live] = useState(() => createLiveCanvas(bus));
  useEffect(
    () =>
      bus.subscribe((message) => {
        if (message.type === 'reset') live.start();
        const state = live.follow(message);
        if (state === 'handover')
          // Its first draw is 120–190 ms of main thread on a 2-core machine: a task of its own.
          whenIdle(() =>
            plot.redraw().then(() => {
              live.finish();
              plot.catchUp();
            }),
          );
        else if (state === 'live') return;
        else if (message.type === 'events') plot.append(message);
        else void plot.redraw();
      }),
    [bus, plot, live],
  );

  return (
    <>
      <DrawnPlot
        layout={curvesLayout}
        onGraph={(graph) => {
          plot.attach(graph);
          if (graph && bus.history().series.length > 0) plot.redraw();
        }}
      />
      <LiveCanvas layer={live.layer} />
    </>
  );
}
