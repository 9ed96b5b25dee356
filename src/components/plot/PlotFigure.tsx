import type { ComponentProps } from 'react';
import { Plot } from './Plot';
import { PLOT_CONFIG, PLOT_STYLE } from './theme';

type PlotProps = ComponentProps<typeof Plot>;

interface PlotFigureProps {
  data: PlotProps['data'];
  layout: PlotProps['layout'];
  /** Names the figure for screen readers; without it the plot is not a figure of its own. */
  label?: string;
  className?: string;
}

/** A plot in Flatland's theme that follows its box's size, as a named figure when labelled. */
export function PlotFigure({ data, layout, label, className }: PlotFigureProps) {
  const plot = (
    <Plot data={data} layout={layout} config={PLOT_CONFIG} style={PLOT_STYLE} useResizeHandler />
  );
  if (label === undefined) return plot;
  return (
    <div role="figure" aria-label={label} className={className}>
      {plot}
    </div>
  );
}
