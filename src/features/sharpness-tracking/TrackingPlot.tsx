import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { DrawnPlot } from '../../components/plot/DrawnPlot';
import { LiveCanvas } from '../../components/plot/LiveCanvas';
import { PLOT_CONFIG } from '../../components/plot/theme';
import Plotly from '../../components/plot/plotly-bundle';
import { trackingLayout, trackingTraces } from './tracking-figure';
import { createTrackingView, type RenderFigure } from './tracking-view';

const render: RenderFigure = (gd, history, logY) =>
  Plotly.react(gd, trackingTraces(history), trackingLayout(logY), PLOT_CONFIG);

/** λ_max during training for every run of the session, drawn from the metrics bus. */
export function TrackingPlot({ logY }: { logY: boolean }) {
  const { bus } = useServices();
  const [view] = useState(() => createTrackingView(bus, render, logY));

  useEffect(() => bus.subscribe(view.follow), [bus, view]);
  useEffect(() => view.setLogY(logY), [logY, view]);

  return (
    <>
      <DrawnPlot
        layout={() => trackingLayout(logY)}
        onGraph={(graph) => {
          view.attach(graph);
          if (graph) view.redraw();
        }}
      />
      <LiveCanvas layer={view.canvas} />
    </>
  );
}
