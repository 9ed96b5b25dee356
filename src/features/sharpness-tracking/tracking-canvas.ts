/**
 * "Sharpness during training" while a session trains, drawn on a canvas: the lines of
 * `trackingLines` (the Plotly figure's own), on a 0 … total-steps axis, linear from 0 or log.
 */
import { stepBudget, type MetricsHistory } from '../../app/metrics-bus';
import {
  CANVAS_MARGIN as MARGIN,
  drawLegendRow,
  drawLine,
  drawStepAxis,
  drawYTicks,
  drawYTitle,
  type Ctx,
} from '../../components/plot/canvas-draw';
import { trackingLines, type TrackingLine } from './tracking-figure';

/** A value axis: from 0 to above the largest value, or whole decades on a log scale. */
export function valueAxis(lines: readonly TrackingLine[], logY: boolean) {
  const ys = lines.flatMap((l) => l.y).filter((v) => Number.isFinite(v) && (!logY || v > 0));
  if (!logY) {
    const hi = ys.reduce((m, v) => Math.max(m, v), 0) * 1.05 || 1;
    return { lo: 0, hi, map: (v: number) => v, ticks: [0, hi / 2, hi] };
  }
  const lo = Math.floor(Math.log10(ys.length ? Math.min(...ys) : 1));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(ys.length ? Math.max(...ys) : 10)));
  const decades = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  const step = Math.ceil(decades.length / 5);
  return {
    lo,
    hi,
    map: (v: number) => (v > 0 ? Math.log10(v) : -Infinity),
    ticks: decades.filter((_, i) => i % step === 0),
  };
}

/** A threshold is constant until its lr changes: the step function Plotly's shape 'hv' draws. */
function stepwise(line: TrackingLine): { x: number[]; y: number[] } {
  if (line.kind !== 'threshold') return line;
  const x: number[] = [];
  const y: number[] = [];
  line.x.forEach((xi, i) => {
    if (i > 0) {
      x.push(xi);
      y.push(line.y[i - 1]!);
    }
    x.push(xi);
    y.push(line.y[i]!);
  });
  return { x, y };
}

const label = (v: number) => String(Number(v.toPrecision(3)));

/**
 * Draws the figure for `history` on a canvas `width` × `height` CSS pixels (the context already
 * scaled by the device pixel ratio). Returns a one-line summary for screen readers.
 */
export function drawTracking(
  ctx: Ctx,
  width: number,
  height: number,
  history: MetricsHistory,
  logY: boolean,
): string {
  ctx.clearRect(0, 0, width, height);
  const lines = trackingLines(history);
  const steps = stepBudget(history);
  const axis = valueAxis(lines, logY);
  const top = MARGIN.t;
  const bottom = height - MARGIN.b;
  const x = (s: number) => MARGIN.l + ((width - MARGIN.l - MARGIN.r) * s) / steps;
  const y = (v: number) => {
    const t = (axis.map(v) - axis.lo) / (axis.hi - axis.lo);
    return bottom - (bottom - top) * Math.min(Math.max(t, 0), 1);
  };
  ctx.save();
  drawFrame(ctx, width, { top, bottom, steps, x, y, ticks: axis.ticks });
  for (const line of lines) {
    const pts = stepwise(line);
    const lambda = line.kind === 'lambda';
    const style = lambda
      ? { color: line.color, width: 2, markerRadius: 3 }
      : { color: line.color, width: 1.5, dash: 'dash' };
    drawLine(ctx, style, pts.x.length, (i) => [x(pts.x[i]!), y(pts.y[i]!)]);
  }
  drawLegendRow(
    ctx,
    MARGIN.l,
    lines.map((l) => ({ color: l.color, text: l.name })),
  );
  ctx.restore();
  return trackingSummary(lines);
}

interface Frame {
  top: number;
  bottom: number;
  steps: number;
  x: (step: number) => number;
  y: (value: number) => number;
  ticks: number[];
}

function drawFrame(ctx: Ctx, width: number, f: Frame) {
  const ticks = f.ticks.map((v) => ({ y: f.y(v), text: label(v) }));
  drawYTicks(ctx, MARGIN.l, width - MARGIN.r, ticks);
  drawYTitle(ctx, 'λ_max of the training loss', f.top, f.bottom);
  drawStepAxis(ctx, f.x, f.bottom, f.steps);
}

/** "λ_max while training: Run 1 · λ_max 12.3 at step 40" per run, or that none is measured yet. */
export function trackingSummary(lines: readonly TrackingLine[]): string {
  const lambdas = lines.filter((l) => l.kind === 'lambda');
  if (lambdas.length === 0) return 'λ_max while training: no measurement yet';
  const parts = lambdas.map((l) => `${l.name} ${label(l.y.at(-1)!)} at step ${l.x.at(-1)}`);
  return `λ_max while training: ${parts.join('; ')}`;
}
