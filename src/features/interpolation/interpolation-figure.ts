import type { Data, Layout } from 'plotly.js';

type LayoutShape = NonNullable<Layout['shapes']>[number];
type LayoutNote = NonNullable<Layout['annotations']>[number];
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import { DEFAULT_INTERPOLATION, type InterpolationOutcome } from '../../store/analysis-slice';

function line(name: string, x: number[], y: number[], color: string, acc: boolean): Data {
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

/** Train/test loss (left axis) and accuracy (right axis) along θ(α) = (1 − α)·A + α·B. */
export function interpolationTraces(outcome: InterpolationOutcome | null): Data[] {
  const r = outcome?.result;
  const alpha = r?.alpha ?? [];
  return [
    line('Train loss', alpha, r?.trainLoss ?? [], COLORS.train, false),
    line('Test loss', alpha, r?.testLoss ?? [], COLORS.test, false),
    line('Train accuracy', alpha, r?.trainAcc ?? [], COLORS.train, true),
    line('Test accuracy', alpha, r?.testAcc ?? [], COLORS.test, true),
  ];
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
    yaxis2: axis('Accuracy', {
      overlaying: 'y',
      side: 'right',
      range: [0, 1],
      // Fixed quarter ticks, as on the slice: Plotly would align them with the loss axis.
      tickmode: 'linear',
      tick0: 0,
      dtick: 0.25,
      tickformat: '.0%',
      showgrid: false,
    }),
    shapes: ends.map((e) => e.shape),
    annotations: ends.map((e) => e.note),
  } as Partial<Layout>);
}
