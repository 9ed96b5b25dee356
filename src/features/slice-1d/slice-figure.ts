import type { Data, Layout } from 'plotly.js';
import { clipInfo, clipNote, clipValue } from '../../components/plot/clip';
import { accuracyAxis, lossAccuracyTraces } from '../../components/plot/loss-accuracy';
import { axis, baseLayout } from '../../components/plot/theme';
import type { PointValue, SliceResult } from '../../domain/api';

const sliceClip = (slice: SliceResult) => clipInfo([...slice.trainLoss, ...slice.testLoss]);

/** "Values above … clipped" when the slice's losses had to be clipped; null otherwise. */
export function sliceClipNote(slice: SliceResult | null): string | null {
  return slice ? clipNote(sliceClip(slice)) : null;
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
  return lossAccuracyTraces(t, {
    trainLoss: loss(slice?.trainLoss),
    testLoss: loss(slice?.testLoss),
    trainAcc: slice?.trainAcc ?? [],
    testAcc: slice?.testAcc ?? [],
  });
}

/** Axes of the slice plot: t, loss on the left, accuracy (0–100 %) on the right. */
export function sliceLayout(range: number, title = 'Perturbation t'): Partial<Layout> {
  return baseLayout({
    xaxis: axis(title, { range: [-range, range], zeroline: false }),
    yaxis: axis('Loss', { rangemode: 'tozero' }),
    yaxis2: accuracyAxis(),
  });
}
