/**
 * The live canvas of the training curves: shown from a session's reset until every run of it has
 * its final name and colour, redrawn from the bus history at most every {@link LIVE_INTERVAL_MS}.
 */
import type { MetricsBus, MetricsMessage } from '../../app/metrics-bus';
import { drawLiveCurves, type Ctx } from './live-chart';

/** Least time between two redraws: a frame costs milliseconds, but the worker sends 4 batches a second. */
export const LIVE_INTERVAL_MS = 250;

export function createLiveCanvas(bus: MetricsBus) {
  let canvas: HTMLCanvasElement | null = null;
  let active = bus.history().series.some((s) => !s.final);
  let scheduled = false;
  const draw = () => {
    scheduled = false;
    if (!canvas || !active) return;
    const box = canvas.parentElement ?? canvas;
    const width = box.clientWidth;
    const height = box.clientHeight;
    const ratio = globalThis.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const summary = drawLiveCurves(ctx as Ctx, width, height, bus.history());
    canvas.setAttribute('aria-label', `Training curves while training. ${summary}`);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => (globalThis.requestAnimationFrame ?? setTimeout)(draw), LIVE_INTERVAL_MS);
  };
  const show = (on: boolean) => {
    active = on;
    if (canvas) canvas.hidden = !on;
    if (on) schedule();
  };
  return {
    attach: (el: HTMLCanvasElement | null) => {
      canvas = el;
      if (!el) return;
      el.hidden = !active;
      // The first getContext sets up the canvas's backing store (about 100 ms here): at mount,
      // not in the first frame of a training run.
      el.getContext('2d');
    },
    /** A new session: it trains until its runs are final. */
    start: () => show(true),
    /**
     * Follows a bus message; true while the session trains (the canvas has it), false once every
     * run is final (the Plotly figure takes over and the canvas hides).
     */
    follow: (message: MetricsMessage): boolean => {
      if (message.type === 'series') {
        const series = bus.history().series;
        show(series.some((s) => !s.final));
      } else if (active) schedule();
      return active;
    },
  };
}
