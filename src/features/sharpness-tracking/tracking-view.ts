/**
 * What draws "Sharpness during training", and when. While a session trains (from its reset until
 * every run has its final name) a canvas draws it (`tracking-canvas.ts`, milliseconds a frame);
 * then one Plotly redraw, with hover, zoom and legend, takes over. Each Plotly.react of this
 * figure was a 45–120 ms main-thread task on a 2-core machine, once a second while training.
 */
import {
  isTraining,
  type MetricsBus,
  type MetricsHistory,
  type MetricsMessage,
} from '../../app/metrics-bus';
import { createCanvasLayer, whenIdle } from '../../components/plot/canvas-layer';
import { createThrottledRedraw } from '../../components/plot/throttled-redraw';
import { drawTracking } from './tracking-canvas';
import { touchesFigure, trackingLines } from './tracking-figure';

/** Draws the Plotly figure of `history` on its graph. */
export type RenderFigure = (
  gd: HTMLElement,
  history: MetricsHistory,
  logY: boolean,
) => Promise<unknown>;

/** Least time between two canvas frames: the worker sends steps 4 times a second. */
export const CANVAS_INTERVAL_MS = 500;
/** Least time between two Plotly redraws once training is over (late measurements). */
const REDRAW_INTERVAL_MS = 1000;

export function createTrackingView(bus: MetricsBus, render: RenderFigure, initialLogY: boolean) {
  let logY = initialLogY;
  const tracked = new Set<string>();
  for (const [key, events] of Object.entries(bus.history().events))
    if (events.some((e) => e.kind === 'sharpness')) tracked.add(key);
  const canvas = createCanvasLayer(
    (ctx, width, height) => drawTracking(ctx, width, height, bus.history(), logY),
    CANVAS_INTERVAL_MS,
  );
  // Whether the Plotly figure shows lines: a session that measured none and follows one that
  // showed none hands over without a redraw (it would redraw the same empty axes).
  let plotted = false;
  const plot = createThrottledRedraw((gd) => {
    const history = bus.history();
    plotted = trackingLines(history).length > 0;
    return render(gd, history, logY);
  }, REDRAW_INTERVAL_MS);
  canvas.show(isTraining(bus.history()));
  /** The Plotly figure is drawn first, then the canvas hides: no flash of the previous figure. */
  let handingOver = false;
  const handOver = () => {
    if (!plotted && trackingLines(bus.history()).length === 0) return canvas.show(false);
    if (handingOver) return;
    handingOver = true;
    whenIdle(
      () =>
        void plot.now().then(() => {
          handingOver = false;
          if (!isTraining(bus.history())) canvas.show(false);
        }),
    );
  };
  return {
    canvas,
    attach: plot.attach,
    /** Follows a bus message: the canvas while training, else a Plotly redraw when it matters. */
    follow: (message: MetricsMessage) => {
      const touches = touchesFigure(message, tracked);
      // A reset starts a session: the canvas covers the last one's figure from its first step.
      if (message.type === 'reset' || isTraining(bus.history())) {
        canvas.show(true);
      } else if (canvas.shown()) {
        handOver();
      } else if (touches) {
        plot.request();
      }
    },
    setLogY: (value: boolean) => {
      logY = value;
      if (canvas.shown()) canvas.schedule();
      else void plot.now();
    },
    /** Draws the Plotly figure now (a mount, or the graph set up anew). */
    redraw: () => void plot.now(),
  };
}
