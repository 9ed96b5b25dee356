/** The comparison view's overlay: every run's 1D slice on one axis, in the run's colour. Pure. */
import type { Data, Layout } from 'plotly.js';
import { axis, baseLayout } from '../../components/plot/theme';
import type { ComparisonResult } from './comparison-state';

/** Plotly draws a gap for null: a diverged point must not look like a finite loss. */
const finiteOrNull = (y: number) => (Number.isFinite(y) ? y : null);

/** One line per run that has its slice: the training loss along the shared direction. */
export function comparisonTraces(results: readonly ComparisonResult[]): Data[] {
  return results.flatMap(({ run, slice }) =>
    slice
      ? [
          {
            type: 'scatter',
            mode: 'lines',
            name: run.name,
            x: [...slice.t],
            y: slice.trainLoss.map(finiteOrNull),
            line: { color: run.color, width: 2.5 },
            hovertemplate: `${run.name}: %{y:.4f}<extra></extra>`,
          } satisfies Data,
        ]
      : [],
  );
}

export function comparisonLayout(): Partial<Layout> {
  return baseLayout({
    xaxis: axis('t along one random direction (filter-normalised per run)', { zeroline: true }),
    yaxis: axis('Training loss', { rangemode: 'tozero' }),
    margin: { l: 56, r: 16, t: 8, b: 44 },
  });
}
