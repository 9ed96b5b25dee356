import { useState } from 'react';
import type { Layout } from 'plotly.js';
import { Plot } from './Plot';
import { PLOT_CONFIG, PLOT_STYLE } from './theme';

interface DrawnPlotProps {
  /** The empty figure's layout; its traces are drawn on the graph, not passed by React. */
  layout: () => Partial<Layout>;
  /** The graph once Plotly has set it up, and null when it is purged. */
  onGraph: (graph: HTMLElement | null) => void;
}

/**
 * A plot drawn imperatively (Plotly.react / extendTraces on its graph) by code outside React, so
 * that live metrics never re-render the component. React only mounts the empty figure.
 */
export function DrawnPlot({ layout, onGraph }: DrawnPlotProps) {
  // Plotly mutates the data it is given; each mount gets its own copy.
  const [figure] = useState(() => ({ data: [], layout: layout() }));
  return (
    <Plot
      data={figure.data}
      layout={figure.layout}
      config={PLOT_CONFIG}
      style={PLOT_STYLE}
      useResizeHandler
      onInitialized={(_figure, graph) => onGraph(graph)}
      onPurge={() => onGraph(null)}
    />
  );
}
