/**
 * The training curves while a run trains, drawn on a canvas: the same three panels, traces and
 * styles as the Plotly figure (`curve-traces.ts`), redrawn whole from the bus history in a few
 * milliseconds. Plotly redraws its whole figure on every append (tens to hundreds of
 * milliseconds on a 2-core machine: main-thread long tasks while training); it takes over again,
 * with hover, zoom and legend, once the runs have finished.
 */
import type { MetricsHistory, SeriesMeta } from '../../app/metrics-bus';
import type { StepEvent } from '../../domain/api';
import { seriesColumns, STYLES, TRACE, type LineStyle } from './curve-traces';

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

/** A panel's rectangle in CSS pixels and its value range. */
interface Panel {
  top: number;
  bottom: number;
  lo: number;
  hi: number;
  title: string;
  format: (v: number) => string;
}

/** The figure's margins and vertical domains, as `curvesLayout` sets them. */
const MARGIN = { l: 60, r: 20, t: 24, b: 44 };
const DOMAINS = { y: [0.5, 1], y2: [0.22, 0.44], y3: [0, 0.15] } as const;
const DASH: Record<string, number[]> = {
  solid: [],
  dash: [6, 4],
  dot: [2, 3],
  dashdot: [6, 3, 2, 3],
};
const AXIS = '#6b7280';
const GRID = '#e5e7eb';

export interface Points {
  x: number[];
  y: number[];
}

/** Every trace of every series as points, keyed by series then trace index. */
function collect(history: MetricsHistory): Map<SeriesMeta, Map<number, Points>> {
  const out = new Map<SeriesMeta, Map<number, Points>>();
  for (const meta of history.series) {
    const cols = seriesColumns(history.events[meta.key] ?? [], 0);
    const traces = new Map<number, Points>();
    cols.indices.forEach((t, i) => traces.set(t, { x: cols.x[i]!, y: cols.y[i]! }));
    out.set(meta, traces);
  }
  return out;
}

const finiteMax = (xs: number[]) => xs.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0);

/** The step budget: the largest `totalSteps` any series announced (1 before the first step). */
function totalSteps(history: MetricsHistory): number {
  let total = 1;
  for (const events of Object.values(history.events))
    for (const e of events)
      if (e.kind === 'step') total = Math.max(total, (e as StepEvent).totalSteps);
  return total;
}

/** The three panels for a canvas `height` tall, their ranges from the data (loss and lr from 0). */
export function panels(height: number, data: Map<SeriesMeta, Map<number, Points>>) {
  const plotH = height - MARGIN.t - MARGIN.b;
  const rect = (d: readonly [number, number]) => ({
    top: MARGIN.t + plotH * (1 - d[1]),
    bottom: MARGIN.t + plotH * (1 - d[0]),
  });
  const values = (axis: LineStyle['yaxis']) =>
    [...data.values()].flatMap((traces) =>
      [...traces.entries()].filter(([t]) => styleOf(t).yaxis === axis).flatMap(([, p]) => p.y),
    );
  const digits = (n: number) => (v: number) => String(Number(v.toPrecision(n)));
  return {
    y: {
      ...rect(DOMAINS.y),
      lo: 0,
      hi: finiteMax(values('y')) * 1.05 || 1,
      title: 'Loss',
      format: digits(3),
    },
    y2: {
      ...rect(DOMAINS.y2),
      lo: 0,
      hi: 1,
      title: 'Accuracy',
      format: (v: number) => `${Math.round(v * 100)}%`,
    },
    y3: {
      ...rect(DOMAINS.y3),
      lo: 0,
      hi: finiteMax(values('y3')) * 1.1 || 1,
      title: 'LR',
      format: digits(2),
    },
  } satisfies Record<'y' | 'y2' | 'y3', Panel>;
}

const STYLE_BY_INDEX = new Map<number, LineStyle>(
  (Object.keys(TRACE) as (keyof typeof TRACE)[]).map((k) => [TRACE[k], STYLES[k]]),
);
const styleOf = (trace: number): LineStyle => STYLE_BY_INDEX.get(trace)!;

type Panels = ReturnType<typeof panels>;

/** Maps a step to x and a value to y in a panel, in CSS pixels. */
function scales(width: number, steps: number) {
  const x = (step: number) => MARGIN.l + ((width - MARGIN.l - MARGIN.r) * step) / steps;
  const y = (p: Panel, v: number) =>
    p.bottom - ((p.bottom - p.top) * (Math.min(Math.max(v, p.lo), p.hi) - p.lo)) / (p.hi - p.lo);
  return { x, y };
}

function drawAxes(ctx: Ctx, width: number, all: Panels, steps: number) {
  const { x, y } = scales(width, steps);
  ctx.font = '11px system-ui, sans-serif';
  ctx.lineWidth = 1;
  for (const p of Object.values(all)) {
    for (const v of [p.lo, (p.lo + p.hi) / 2, p.hi]) {
      ctx.strokeStyle = GRID;
      ctx.beginPath();
      ctx.moveTo(MARGIN.l, y(p, v));
      ctx.lineTo(width - MARGIN.r, y(p, v));
      ctx.stroke();
      ctx.fillStyle = AXIS;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(p.format(v), MARGIN.l - 6, y(p, v));
    }
    // The title runs up the left edge, centred on its panel, as Plotly draws it.
    ctx.save();
    ctx.translate(14, (p.top + p.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(p.title, 0, 0);
    ctx.restore();
  }
  const bottom = all.y3.bottom;
  ctx.textAlign = 'center';
  for (const s of [0, Math.round(steps / 2), steps]) ctx.fillText(String(s), x(s), bottom + 6);
  ctx.fillText('Step', (MARGIN.l + width - MARGIN.r) / 2, bottom + 24);
}

function drawTrace(
  ctx: Ctx,
  style: LineStyle,
  color: string,
  pts: Points,
  at: (i: number) => [number, number],
) {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.setLineDash(DASH[style.dash ?? 'solid'] ?? []);
  ctx.beginPath();
  pts.x.forEach((_, i) => {
    const [px, py] = at(i);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.stroke();
  ctx.setLineDash([]);
  if (!style.marker) return;
  pts.x.forEach((_, i) => {
    const [px, py] = at(i);
    ctx.beginPath();
    ctx.arc(px, py, style.marker === 'diamond' ? 3 : 2.5, 0, 2 * Math.PI);
    ctx.fill();
  });
}

function drawSeries(
  ctx: Ctx,
  width: number,
  all: Panels,
  steps: number,
  meta: SeriesMeta,
  traces: Map<number, Points>,
) {
  const { x, y } = scales(width, steps);
  for (const [trace, pts] of traces) {
    const style = styleOf(trace);
    const faint = trace === TRACE.batchLoss;
    ctx.globalAlpha = faint ? 0.35 : 1;
    ctx.lineWidth = faint || trace === TRACE.lr ? 1.25 : 2;
    if (style.yaxis === 'y4') {
      // "SWA starts": a vertical line through the loss panel.
      const at = (i: number): [number, number] => [
        x(pts.x[i]!),
        i === 0 ? all.y.bottom : all.y.top,
      ];
      drawTrace(ctx, style, meta.color, pts, at);
      continue;
    }
    const panel = all[style.yaxis];
    drawTrace(ctx, style, meta.color, pts, (i) => [x(pts.x[i]!), y(panel, pts.y[i]!)]);
  }
  ctx.globalAlpha = 1;
}

function drawLegend(ctx: Ctx, history: MetricsHistory) {
  let left = MARGIN.l;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const meta of history.series) {
    ctx.fillStyle = meta.color;
    ctx.beginPath();
    ctx.arc(left + 5, 10, 4, 0, 2 * Math.PI);
    ctx.fill();
    const text = meta.final ? meta.name : `${meta.name} (training)`;
    ctx.fillStyle = '#1f2937';
    ctx.fillText(text, left + 13, 10);
    left += 24 + 6.5 * text.length;
  }
}

/**
 * Draws the whole figure for `history` on a canvas `width` × `height` CSS pixels (the context
 * already scaled by the device pixel ratio). Returns a one-line summary for screen readers.
 */
export function drawLiveCurves(
  ctx: Ctx,
  width: number,
  height: number,
  history: MetricsHistory,
): string {
  ctx.clearRect(0, 0, width, height);
  const data = collect(history);
  const steps = totalSteps(history);
  const all = panels(height, data);
  ctx.save();
  drawAxes(ctx, width, all, steps);
  for (const [meta, traces] of data) drawSeries(ctx, width, all, steps, meta, traces);
  drawLegend(ctx, history);
  ctx.restore();
  return liveSummary(data, steps);
}

/** "Run 3 (training): step 120 of 600, batch loss 0.412" for each series. */
export function liveSummary(data: Map<SeriesMeta, Map<number, Points>>, steps: number): string {
  return [...data]
    .map(([meta, traces]) => {
      const loss = traces.get(TRACE.batchLoss);
      const last = loss?.x.length ? loss.x.length - 1 : -1;
      if (last < 0) return `${meta.name}: starting`;
      return `${meta.name}: step ${loss!.x[last]} of ${steps}, batch loss ${Number(loss!.y[last]!.toPrecision(3))}`;
    })
    .join('; ');
}
