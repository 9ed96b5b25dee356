/**
 * The live canvas of the training curves: shown from a session's reset until every run of it has
 * its final name and colour, redrawn from the bus history at most every {@link LIVE_INTERVAL_MS}.
 */
import { isTraining, type MetricsBus, type MetricsMessage } from '../../app/metrics-bus';
import { createCanvasLayer } from '../../components/plot/canvas-layer';
import { drawLiveCurves } from './live-chart';

/** Least time between two redraws: a frame costs milliseconds, but the worker sends 4 batches a second. */
export const LIVE_INTERVAL_MS = 250;

export function createLiveCanvas(bus: MetricsBus) {
  const layer = createCanvasLayer(
    (ctx, width, height) =>
      `Training curves while training. ${drawLiveCurves(ctx, width, height, bus.history())}`,
    LIVE_INTERVAL_MS,
  );
  layer.show(isTraining(bus.history()));
  // Set from a hand-over's start until the canvas hides: later messages of the finished session
  // wait for the Plotly figure, which is drawn from the whole history.
  let handingOver = false;
  return {
    layer,
    /** A new session: it trains until its runs are final. */
    start: () => {
      handingOver = false;
      layer.show(true);
    },
    /**
     * Follows a bus message: 'live' while the session trains (the canvas has it), 'handover'
     * when its last run has just become final (the canvas stays until the Plotly figure is
     * drawn: call `finish` then), 'plot' for messages of a finished session.
     */
    follow: (message: MetricsMessage): 'live' | 'handover' | 'plot' => {
      if (!layer.shown()) return 'plot';
      layer.schedule();
      if (handingOver || message.type !== 'series' || isTraining(bus.history())) return 'live';
      handingOver = true;
      return 'handover';
    },
    /** Hides the canvas once the Plotly figure is drawn, unless a new session has started. */
    finish: () => {
      if (isTraining(bus.history())) return;
      handingOver = false;
      layer.show(false);
    },
  };
}
