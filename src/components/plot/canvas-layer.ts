/**
 * A canvas laid over a Plotly figure while its data streams in (a training run), redrawn whole
 * at most every `intervalMs`; the Plotly figure, with hover, zoom and legend, takes over when the
 * stream ends. A whole Plotly redraw is a main-thread long task on a slow machine (tens to
 * hundreds of milliseconds); a canvas frame of a few hundred segments costs a few milliseconds.
 */
import type { Ctx } from './canvas-draw';

/** Draws the figure on `ctx` (already scaled to CSS pixels); returns its screen-reader label. */
export type CanvasDraw = (ctx: Ctx, width: number, height: number) => string;

export function createCanvasLayer(draw: CanvasDraw, intervalMs: number) {
  let canvas: HTMLCanvasElement | null = null;
  let shown = false;
  let scheduled = false;
  const frame = () => {
    scheduled = false;
    if (!canvas || !shown) return;
    const box = canvas.parentElement ?? canvas;
    const width = box.clientWidth;
    const height = box.clientHeight;
    const ratio = globalThis.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = context(canvas);
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    canvas.setAttribute('aria-label', draw(ctx, width, height));
  };
  const schedule = () => {
    if (scheduled || !shown) return;
    scheduled = true;
    setTimeout(() => (globalThis.requestAnimationFrame ?? setTimeout)(frame), intervalMs);
  };
  return {
    attach: (el: HTMLCanvasElement | null) => {
      canvas = el;
      if (!el) return;
      el.hidden = !shown;
      // The first getContext sets up the canvas's backing store: at mount, not in a run's frame.
      context(el);
      schedule();
    },
    /** Shows the canvas (and draws it soon) or hides it, uncovering the Plotly figure. */
    show: (on: boolean) => {
      shown = on;
      if (canvas) canvas.hidden = !on;
      schedule();
    },
    /** Redraws within `intervalMs` while shown; calls in between merge into one frame. */
    schedule,
    shown: () => shown,
  };
}

export type CanvasLayer = ReturnType<typeof createCanvasLayer>;

/**
 * The canvas's 2D context, CPU-backed (`willReadFrequently`): a GPU-backed canvas sets up its
 * GPU raster context in its first draw, 175–490 ms of main thread measured in headless Chromium
 * here, where a software canvas draws its first line in 19 ms; these figures are a few hundred
 * segments, which software raster draws in milliseconds.
 */
function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  return canvas.getContext('2d', { willReadFrequently: true });
}
