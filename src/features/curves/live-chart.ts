/**
 * The training curves while a run trains, drawn on a canvas: the same three panels, traces and
 * styles as the Plotly figure (`curve-traces.ts`), redrawn whole from the bus history in a few
 * milliseconds. Plotly redraws its whole figure on every append (tens to hundreds of
 * milliseconds on a 2-core machine: main-thread long tasks while training); it takes over again,
 * with hover, zoom and legend, once the runs have finished.
 */
import { stepBudget, type MetricsHistory, type SeriesMeta } from '../../app/metrics-bus';
import {
  CANVAS_MARGIN as MARGIN,
  drawLegendRow,
  drawLine,
  drawStepAxis,
  drawYTicks,
  drawYTitle,
  type Ctx,
} from '../../components/plot/canvas-draw';
import { seriesColumns, STYLES, TRACE, type LineStyle } from './curve-traces';

/** A panel's rectangle in CSS pixels and its value range. */
interface Panel {
  top: number;
  bottom: number;
  lo: number;
  hi: number;
  title: string;
  format: (v: number) => string;
}

/** The figure's vertical domains, as `curvesLayout` sets them. */
const DOMAINS = { y: [0.5, 1], y2: [0.22, 0.44], y3: [0, 0.15] } as const;

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
  for (const p of Object.values(all)) {
    const ticks = [p.lo, (p.lo + p.hi) / 2, p.hi].map((v) => ({ y: y(p, v), text: p.format(v) }));
    drawYTicks(ctx, MARGIN.l, width - MARGIN.r, ticks);
    drawYTitle(ctx, p.title, p.top, p.bottom);
  }
  drawStepAxis(ctx, x, all.y3.bottom, steps);
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
    const line = {
      color: meta.color,
      width: faint || trace === TRACE.lr ? 1.25 : 2,
      dash: style.dash,
      markerRadius: style.marker ? (style.marker === 'diamond' ? 3 : 2.5) : 0,
    };
    if (style.yaxis === 'y4') {
      // "SWA starts": a vertical line through the loss panel.
      drawLine(ctx, line, pts.x.length, (i) => [x(pts.x[i]!), i === 0 ? all.y.bottom : all.y.top]);
      continue;
    }
    const panel = all[style.yaxis];
    drawLine(ctx, line, pts.x.length, (i) => [x(pts.x[i]!), y(panel, pts.y[i]!)]);
  }
  ctx.globalAlpha = 1;
}

function drawLegend(ctx: Ctx, history: MetricsHistory) {
  drawLegendRow(
    ctx,
    MARGIN.l,
    history.series.map((meta) => ({
      color: meta.color,
      text: meta.final ? meta.name : `${meta.name} (training)`,
    })),
  );
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
  const steps = stepBudget(history);
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
