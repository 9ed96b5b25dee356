/**
 * Drawing on a 2D canvas for the live figures (training curves, λ_max while training): the few
 * calls they use, and a line with Plotly's dash names and optional markers, so a live canvas and
 * the Plotly figure that takes over from it draw a trace alike.
 */

/** The drawing calls used, so tests can record them without a browser. */
export type Ctx = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
  | 'fillText'
  | 'clearRect'
  | 'setLineDash'
  | 'arc'
  | 'fill'
  | 'save'
  | 'restore'
  | 'translate'
  | 'rotate'
> & {
  strokeStyle: string | CanvasGradient | CanvasPattern;
  fillStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
};

/** Plotly's dash names as canvas dash patterns (CSS pixels). */
const DASH: Record<string, number[]> = {
  solid: [],
  dash: [6, 4],
  dot: [2, 3],
  dashdot: [6, 3, 2, 3],
};

export const CANVAS_AXIS = '#6b7280';
export const CANVAS_GRID = '#e5e7eb';
export const CANVAS_TEXT = '#1f2937';
export const CANVAS_FONT = '11px system-ui, sans-serif';
/**
 * The live figures' margins in CSS pixels: their Plotly layouts' left, right and bottom margins,
 * and room for the legend row on top.
 */
export const CANVAS_MARGIN = { l: 60, r: 20, t: 24, b: 44 } as const;

/** How one line is drawn: colour, width, Plotly dash name, and a marker radius (0: none). */
export interface CanvasLine {
  color: string;
  width: number;
  dash?: string;
  markerRadius?: number;
}

/** Draws `count` points, the i-th at `at(i)` in CSS pixels, joined, then their markers. */
export function drawLine(
  ctx: Ctx,
  line: CanvasLine,
  count: number,
  at: (i: number) => [number, number],
) {
  ctx.strokeStyle = line.color;
  ctx.fillStyle = line.color;
  ctx.lineWidth = line.width;
  ctx.setLineDash(DASH[line.dash ?? 'solid'] ?? []);
  ctx.beginPath();
  for (let i = 0; i < count; i++) {
    const [px, py] = at(i);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  const radius = line.markerRadius ?? 0;
  if (radius <= 0) return;
  for (let i = 0; i < count; i++) {
    const [px, py] = at(i);
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/** A y-axis title run up the left edge, centred on `[top, bottom]`, as Plotly draws it. */
export function drawYTitle(ctx: Ctx, title: string, top: number, bottom: number) {
  ctx.save();
  ctx.translate(14, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(title, 0, 0);
  ctx.restore();
}

/** Legend entries in a row along the top: a dot in the entry's colour, then its text. */
export function drawLegendRow(
  ctx: Ctx,
  left: number,
  entries: readonly { color: string; text: string }[],
) {
  ctx.font = CANVAS_FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let x = left;
  for (const { color, text } of entries) {
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(x + 5, 10, 4, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = CANVAS_TEXT;
    ctx.fillText(text, x + 13, 10);
    x += 24 + 6.5 * text.length;
  }
}

/** Horizontal grid lines across `[left, right]` at each tick, labelled left of `left`. */
export function drawYTicks(
  ctx: Ctx,
  left: number,
  right: number,
  ticks: readonly { y: number; text: string }[],
) {
  ctx.font = CANVAS_FONT;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const { y, text } of ticks) {
    ctx.strokeStyle = CANVAS_GRID;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillStyle = CANVAS_AXIS;
    ctx.fillText(text, left - 6, y);
  }
}

/** The step axis under a plot: its first, middle and last step (`x` maps one), and its title. */
export function drawStepAxis(ctx: Ctx, x: (step: number) => number, bottom: number, steps: number) {
  ctx.font = CANVAS_FONT;
  ctx.fillStyle = CANVAS_AXIS;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const s of [0, Math.round(steps / 2), steps]) ctx.fillText(String(s), x(s), bottom + 6);
  ctx.fillText('Step', (x(0) + x(steps)) / 2, bottom + 24);
}
