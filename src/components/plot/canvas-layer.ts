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
    const fitted = fit(canvas);
    if (fitted) canvas.setAttribute('aria-label', draw(fitted.ctx, fitted.width, fitted.height));
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
      // The canvas's backing store is made by the first drawing call after a size change: 175 ms
      // of main thread in headless Chromium here. At mount, when the page is idle, not in the
      // first frame of a run.
      whenIdle(() => {
        if (canvas === el) fit(el)?.ctx.clearRect(0, 0, 1, 1);
      });
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
 * Runs `work` in a task of its own once the page is idle (within a second): for a Plotly figure
 * taking over from its canvas at a run's end, when the same message updates every panel.
 */
export function whenIdle(work: () => void) {
  if (globalThis.requestIdleCallback) globalThis.requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work, 0);
}

/**
 * Sizes `canvas` to its parent's box at the device pixel ratio (only when that changed: a resize
 * drops the backing store) and returns its context, scaled to CSS pixels, with that box's size.
 */
function fit(canvas: HTMLCanvasElement) {
  const box = canvas.parentElement ?? canvas;
  const width = box.clientWidth;
  const height = box.clientHeight;
  const ratio = globalThis.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const ctx = context(canvas);
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx ? { ctx, width, height } : null;
}

/**
 * The canvas's 2D context, CPU-backed (`willReadFrequently`): a GPU-backed canvas sets up its
 * GPU raster context in its first draw, 175–490 ms of main thread measured in headless Chromium
 * here, where a software canvas draws its first line in 19 ms; these figures are a few hundred
 * segments, which software raster draws in milliseconds.
 */
function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  return canvas.getContext('2d', { willReadFrequently: true });
}
