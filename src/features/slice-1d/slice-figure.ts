import type { Data, Layout } from 'plotly.js';
import { clipInfo, clipNote, clipValue } from '../../components/plot/clip';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import type { PointValue, SliceResult } from '../../domain/api';

const sliceClip = (slice: SliceResult) => clipInfo([...slice.trainLoss, ...slice.testLoss]);

/** "Values above … clipped" when the slice's losses had to be clipped; null otherwise. */
export function sliceClipNote(slice: SliceResult | null): string | null {
  return slice ? clipNote(sliceClip(slice)) : null;
}

function line(
  name: string,
  x: number[],
  y: Array<number | null>,
  color: string,
  acc: boolean,
): Data {
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    x,
    y,
    yaxis: acc ? 'y2' : 'y',
    line: { color, width: acc ? 1.5 : 2.5, dash: acc ? 'dot' : 'solid' },
    hovertemplate: acc ? '%{y:.1%}' : '%{y:.4f}',
  };
}

/** Where the probe is drawn: the slider's t, and the train loss there once it has arrived. */
export interface SliceMarker {
  t: number;
  value: PointValue | null;
}

/**
 * Where the probe is drawn, in data coordinates: the dot on the train-loss curve at the t whose
 * value has arrived (clipped like the curve, so it stays on it; null before any value or where
 * the loss is not finite), and the slider line at the slider's t, which follows at once.
 */
export function sliceMarkerData(slice: SliceResult, marker: SliceMarker) {
  const v = marker.value;
  const loss = v ? clipValue(v.trainLoss, sliceClip(slice).cap) : null;
  const dot = v && loss !== null ? { t: v.t, loss } : null;
  return { dot, lineT: marker.t };
}

/**
 * Train/test loss (left axis) and accuracy (right axis) along t. The probe's dot and slider line
 * are not traces: SlicePlot draws them over the figure (see sliceMarkerData).
 */
export function sliceTraces(slice: SliceResult | null): Data[] {
  const t = slice?.t ?? [];
  const cap = slice ? sliceClip(slice).cap : null;
  const loss = (values: number[] | undefined) => (values ?? []).map((v) => clipValue(v, cap));
  return [
    line('Train loss', t, loss(slice?.trainLoss), COLORS.train, false),
    line('Test loss', t, loss(slice?.testLoss), COLORS.test, false),
    line('Train accuracy', t, slice?.trainAcc ?? [], COLORS.train, true),
    line('Test accuracy', t, slice?.testAcc ?? [], COLORS.test, true),
  ];
}

/** Axes of the slice plot: t, loss on the left, accuracy (0–100 %) on the right. */
export function sliceLayout(range: number, title = 'Perturbation t'): Partial<Layout> {
  return baseLayout({
    xaxis: axis(title, { range: [-range, range], zeroline: false }),
    yaxis: axis('Loss', { rangemode: 'tozero' }),
    yaxis2: axis('Accuracy', {
      overlaying: 'y',
      side: 'right',
      range: [0, 1],
      // Fixed quarter ticks: by default Plotly aligns them with the loss axis (odd 19%, 38%, …).
      tickmode: 'linear',
      tick0: 0,
      dtick: 0.25,
      tickformat: '.0%',
      showgrid: false,
    }),
  });
}
