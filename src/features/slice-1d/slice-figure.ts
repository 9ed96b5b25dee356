import type { Data, Layout } from 'plotly.js';
import { clipInfo, clipNote, clipValue } from '../../components/plot/clip';
import { axis, baseLayout, COLORS } from '../../components/plot/theme';
import type { PointValue, SliceResult } from '../../worker/api';

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

/** Train/test loss (left axis) and accuracy (right axis) along t, plus the probed point. */
export function sliceTraces(slice: SliceResult | null, probe: PointValue | null): Data[] {
  const t = slice?.t ?? [];
  const cap = slice ? sliceClip(slice).cap : null;
  const loss = (values: number[] | undefined) => (values ?? []).map((v) => clipValue(v, cap));
  const traces: Data[] = [
    line('Train loss', t, loss(slice?.trainLoss), COLORS.train, false),
    line('Test loss', t, loss(slice?.testLoss), COLORS.test, false),
    line('Train accuracy', t, slice?.trainAcc ?? [], COLORS.train, true),
    line('Test accuracy', t, slice?.testAcc ?? [], COLORS.test, true),
  ];
  if (slice && probe) {
    traces.push({
      type: 'scatter',
      mode: 'markers',
      name: 'Probe',
      x: [probe.t],
      y: [probe.trainLoss],
      marker: { color: COLORS.marker, size: 10, line: { color: '#fff', width: 2 } },
      hovertemplate: 'train loss %{y:.4f}',
      showlegend: false,
    });
  }
  return traces;
}

/** The vertical marker follows the slider position even before its value has arrived. */
export function sliceLayout(
  range: number,
  markerT: number | null,
  title = 'Perturbation t',
): Partial<Layout> {
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
    shapes:
      markerT === null
        ? []
        : [
            {
              type: 'line',
              xref: 'x',
              yref: 'paper',
              x0: markerT,
              x1: markerT,
              y0: 0,
              y1: 1,
              line: { color: COLORS.marker, width: 1.5, dash: 'dash' },
            },
          ],
  });
}
