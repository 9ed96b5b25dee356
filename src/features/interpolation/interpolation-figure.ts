import type { Data, Layout } from 'plotly.js';
import { accuracyAxis, lossAccuracyTraces } from '../../components/plot/loss-accuracy';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import { DEFAULT_INTERPOLATION, type InterpolationOutcome } from '../../store/analysis-slice';

type LayoutShape = NonNullable<Layout['shapes']>[number];
type LayoutNote = NonNullable<Layout['annotations']>[number];

/** Train/test loss (left axis) and accuracy (right axis) along θ(α) = (1 − α)·A + α·B. */
export function interpolationTraces(outcome: InterpolationOutcome | null): Data[] {
  const r = outcome?.result;
  return lossAccuracyTraces(r?.alpha ?? [], {
    trainLoss: r?.trainLoss ?? [],
    testLoss: r?.testLoss ?? [],
    trainAcc: r?.trainAcc ?? [],
    testAcc: r?.testAcc ?? [],
  });
}

/** A dashed vertical line at an end of the segment, labelled at the top. */
function endMarker(x: number, label: string): { shape: LayoutShape; note: LayoutNote } {
  return {
    shape: {
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: x,
      x1: x,
      y0: 0,
      y1: 1,
      line: { color: COLORS.marker, width: 1.2, dash: 'dash' },
    },
    note: {
      x,
      xref: 'x',
      y: 1,
      yref: 'paper',
      yanchor: 'bottom',
      text: label,
      showarrow: false,
      font: { size: 11, color: COLORS.marker },
    },
  };
}

/** A at α = 0 and B at α = 1 are marked; log scale applies to the loss axis only. */
export function interpolationLayout(outcome: InterpolationOutcome | null, log: boolean) {
  const ends = outcome
    ? [endMarker(0, `A: ${outcome.labelA}`), endMarker(1, `B: ${outcome.labelB}`)]
    : [];
  const { from, to } = outcome?.config ?? DEFAULT_INTERPOLATION;
  return baseLayout({
    margin: { l: 56, r: 56, t: 24, b: 44 },
    legend: { orientation: 'h', x: 0, y: -0.22, yanchor: 'top', font: { size: 11 } },
    xaxis: axis('α  (θ = (1 − α)·A + α·B)', { range: [from, to], zeroline: false }),
    yaxis: axis(log ? 'Loss (log scale)' : 'Loss', log ? { type: 'log' } : { rangemode: 'tozero' }),
    yaxis2: accuracyAxis(),
    shapes: ends.map((e) => e.shape),
    annotations: ends.map((e) => e.note),
  } as Partial<Layout>);
}
