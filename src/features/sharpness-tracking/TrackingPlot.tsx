import { useEffect, useState } from 'react';
import type { MetricsBus } from '../../app/metrics-bus';
import { useServices } from '../../app/services';
import { DrawnPlot } from '../../components/plot/DrawnPlot';
import { PLOT_CONFIG } from '../../components/plot/theme';
import Plotly from '../../components/plot/plotly-bundle';
import { createThrottledRedraw } from '../../components/plot/throttled-redraw';
import { touchesFigure, trackingLayout, trackingTraces } from './tracking-figure';

/** Least time between two redraws: measurements come a few times per epoch, steps every 250 ms. */
const REDRAW_INTERVAL_MS = 1000;

/**
 * Redraws from the bus history (a few dozen points per run, so a whole Plotly.react is cheap),
 * at most once per {@link REDRAW_INTERVAL_MS}; one redraw at a time.
 */
function createRedrawer(bus: MetricsBus, initialLogY: boolean) {
  let logY = initialLogY;
  const redraw = createThrottledRedraw(
    (gd) => Plotly.react(gd, trackingTraces(bus.history()), trackingLayout(logY), PLOT_CONFIG),
    REDRAW_INTERVAL_MS,
  );
  const setLogY = (value: boolean) => {
    logY = value;
  };
  return { ...redraw, setLogY };
}

/** λ_max during training for every run of the session, drawn from the metrics bus. */
export function TrackingPlot({ logY }: { logY: boolean }) {
  const { bus } = useServices();
  const [plot] = useState(() => createRedrawer(bus, logY));

  useEffect(() => {
    const tracked = new Set<string>();
    const initial = bus.history();
    for (const [key, events] of Object.entries(initial.events))
      if (events.some((e) => e.kind === 'sharpness')) tracked.add(key);
    return bus.subscribe((message) => {
      if (touchesFigure(message, tracked)) plot.request();
    });
  }, [bus, plot]);

  useEffect(() => {
    plot.setLogY(logY);
    plot.now();
  }, [logY, plot]);

  return (
    <DrawnPlot
      layout={() => trackingLayout(logY)}
      onGraph={(graph) => {
        plot.attach(graph);
        if (graph) plot.now();
      }}
    />
  );
}
