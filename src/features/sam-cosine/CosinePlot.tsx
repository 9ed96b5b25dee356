import { useEffect, useState } from 'react';
import type { MetricsBus } from '../../app/metrics-bus';
import { useServices } from '../../app/services';
import { DrawnPlot } from '../../components/plot/DrawnPlot';
import { PLOT_CONFIG } from '../../components/plot/theme';
import Plotly from '../../components/plot/plotly-bundle';
import { createThrottledRedraw } from '../../components/plot/throttled-redraw';
import { cosineLayout, cosineRedraw, cosineTraces, hasCosine } from './cosine-figure';

/** Least time between two redraws: measurements come every k steps. */
const REDRAW_INTERVAL_MS = 1000;

/** Redraws from the bus history at most once per {@link REDRAW_INTERVAL_MS}, one at a time. */
function createRedrawer(bus: MetricsBus) {
  const redraw = createThrottledRedraw(
    (gd) => Plotly.react(gd, cosineTraces(bus.history()), cosineLayout(), PLOT_CONFIG),
    REDRAW_INTERVAL_MS,
  );
  const attach = (gd: HTMLElement | null) => {
    redraw.attach(gd);
    if (gd) redraw.now();
  };
  return { attach, request: redraw.request };
}

/** The SAM update cosine of every run of the session, drawn from the metrics bus. */
export function CosinePlot() {
  const { bus } = useServices();
  const [plot] = useState(() => createRedrawer(bus));
  useEffect(() => {
    const shown = { current: hasCosine(Object.values(bus.history().events).flat()) };
    return bus.subscribe((message) => {
      if (cosineRedraw(message, shown)) plot.request();
    });
  }, [bus, plot]);
  return <DrawnPlot layout={cosineLayout} onGraph={plot.attach} />;
}
