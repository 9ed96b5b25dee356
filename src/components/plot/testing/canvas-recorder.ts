/** A recording 2D context for the live canvases' unit tests. */
import type { Ctx } from '../canvas-draw';

/**
 * A context that records every point of a line (moveTo, lineTo) with the colour, alpha and dash
 * in force, every marker (arc) with its fill colour, and every text.
 */
export function recorder() {
  const points: { x: number; y: number; color: string; alpha: number; dashed: boolean }[] = [];
  const marks: { x: number; y: number; color: string }[] = [];
  let dashed = false;
  const texts: string[] = [];
  const ctx = {
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'top',
    beginPath() {},
    stroke() {},
    fill() {},
    save() {},
    restore() {},
    translate() {},
    rotate() {},
    clearRect() {},
    setLineDash(d: number[]) {
      dashed = d.length > 0;
    },
    arc(x: number, y: number) {
      marks.push({ x, y, color: String(ctx.fillStyle) });
    },
    moveTo(x: number, y: number) {
      points.push({ x, y, color: String(ctx.strokeStyle), alpha: ctx.globalAlpha, dashed });
    },
    lineTo(x: number, y: number) {
      points.push({ x, y, color: String(ctx.strokeStyle), alpha: ctx.globalAlpha, dashed });
    },
    fillText(t: string) {
      texts.push(t);
    },
  };
  return { ctx: ctx as unknown as Ctx, points, marks, texts };
}
