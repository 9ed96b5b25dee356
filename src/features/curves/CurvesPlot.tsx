import { useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import type { MetricsMessage } from '../../app/metrics-bus';
import { Plot } from '../../components/plot/Plot';
import Plotly from '../../components/plot/plotly-bundle';
import { PLOT_CONFIG, PLOT_STYLE } from '../../components/plot/theme';
import { buildTraces, curvesLayout, EPOCH_TRACES, STEP_TRACES, toColumns } from './curve-traces';

/**
 * The curves are drawn imperatively: the figure is rebuilt from the bus history when the plot
 * initialises or a run starts, and each event batch is appended with Plotly.extendTraces, so a
 * training step never causes a React render.
 */
export function CurvesPlot() {
  const { bus } = useServices();
  const graph = useRef<HTMLElement | null>(null);
  // Plotly mutates the data it is given; each mount gets its own copy.
  const [figure] = useState(() => ({ data: buildTraces([]), layout: curvesLayout() }));
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    // Plotly calls are chained so that a redraw never interleaves with an append.
    const enqueue = (work: (gd: HTMLElement) => Promise<unknown>) => {
      queue.current = queue.current.then(() => (graph.current ? work(graph.current) : undefined));
      queue.current.catch(() => undefined);
    };
    const onMessage = (message: MetricsMessage) => {
      if (message.type === 'reset') {
        enqueue((gd) => Plotly.react(gd, buildTraces([]), curvesLayout(), PLOT_CONFIG));
        return;
      }
      const { steps, epochs } = toColumns(message.events);
      if (steps.x[0]?.length) enqueue((gd) => Plotly.extendTraces(gd, steps, STEP_TRACES));
      if (epochs.x[0]?.length) enqueue((gd) => Plotly.extendTraces(gd, epochs, EPOCH_TRACES));
    };
    return bus.subscribe(onMessage);
  }, [bus]);

  return (
    <Plot
      data={figure.data}
      layout={figure.layout}
      config={PLOT_CONFIG}
      style={PLOT_STYLE}
      useResizeHandler
      onInitialized={(_figure, gd) => {
        graph.current = gd;
        const history = bus.history();
        if (history.length > 0) {
          queue.current = Plotly.react(gd, buildTraces(history), curvesLayout(), PLOT_CONFIG);
        }
      }}
      onPurge={() => {
        graph.current = null;
      }}
    />
  );
}
