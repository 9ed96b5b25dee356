import type { ComponentProps, ReactNode } from 'react';
import { Plot } from './Plot';
import overlay from './overlay.module.css';
import { PLOT_CONFIG, PLOT_STYLE } from './theme';

type PlotProps = ComponentProps<typeof Plot>;

interface OverlayPlotProps {
  /** The graph, which the marks are positioned against (see overlay.ts). */
  graph: PlotProps['ref'];
  data: PlotProps['data'];
  layout: PlotProps['layout'];
  /** Redraws the marks: after each plot, zoom or resize the axes have moved. */
  onRedraw: () => void;
  onClick?: PlotProps['onClick'];
  /** The marks drawn over the figure (overlay.ts places them). */
  children: ReactNode;
}

/** A plot with marks drawn over it as elements, so moving a mark never redraws the figure. */
export function OverlayPlot({
  graph,
  data,
  layout,
  onRedraw,
  onClick,
  children,
}: OverlayPlotProps) {
  return (
    <div className={overlay.wrap}>
      <Plot
        ref={graph}
        data={data}
        layout={layout}
        config={PLOT_CONFIG}
        style={PLOT_STYLE}
        useResizeHandler
        onClick={onClick}
        onAfterPlot={onRedraw}
        onRelayout={onRedraw}
      />
      {children}
    </div>
  );
}
