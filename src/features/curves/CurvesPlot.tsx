import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import type { MetricsBus, MetricsMessage } from '../../app/metrics-bus';
import { Plot } from '../../components/plot/Plot';
import Plotly from '../../components/plot/plotly-bundle';
import { PLOT_CONFIG, PLOT_STYLE } from '../../components/plot/theme';
import { buildTraces, curvesLayout, seriesColumns, TRACES_PER_SERIES } from './curve-traces';

type Work = (gd: HTMLElement) => Promise<unknown>;

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
    queue.catch(() => undefined);
  };
  // The history is read now, not when the work runs: later messages append to it in order.
  const redraw = () => {
    const history = bus.history();
    const data = buildTraces(history);
    enqueue(async (gd) => {
      await Plotly.react(gd, data, curvesLayout(), PLOT_CONFIG);
      drawn.current = history.seq;
    });
  };
  const append = (message: Extract<MetricsMessage, { type: 'events' }>) => {
    const index = bus.history().series.findIndex((s) => s.key === message.key);
    if (index < 0) return;
    const cols = seriesColumns(message.events, index * TRACES_PER_SERIES);
    if (cols.indices.length === 0) return;
    enqueue(async (gd) => {
      if (message.seq <= drawn.current) return;
      await Plotly.extendTraces(gd, { x: cols.x, y: cols.y }, cols.indices);
      drawn.current = message.seq;
    });
  };
  return { attach, redraw, append };
}

/**
 * The curves are drawn imperatively: the figure is rebuilt from the bus history when the plot
 * initialises, a session starts or a run gets its name and colour, and each event batch is
 * appended with Plotly.extendTraces, so a training step never causes a React render.
 */
export function CurvesPlot() {
  const { bus } = useServices();
  // Plotly mutates the data it is given; each mount gets its own copy.
  const [figure] = useState(() => ({ data: [], layout: curvesLayout() }));
  const [plot] = useState(() => createPlotQueue(bus));

  useEffect(
    () =>
      bus.subscribe((message) => {
        if (message.type === 'events') plot.append(message);
        else plot.redraw();
      }),
    [bus, plot],
  );

  return (
    <Plot
      data={figure.data}
      layout={figure.layout}
      config={PLOT_CONFIG}
      style={PLOT_STYLE}
      useResizeHandler
      onInitialized={(_figure, gd) => {
        plot.attach(gd);
        if (bus.history().series.length > 0) plot.redraw();
      }}
      onPurge={() => {
        plot.attach(null);
      }}
    />
  );
}
