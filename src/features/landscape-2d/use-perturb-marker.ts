import type { Data, PlotlyHTMLElement } from 'plotly.js';
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { useServices } from '../../app/services';
import Plotly from '../../components/plot/plotly-bundle';
import { flatlandStore } from '../../store';
import type { GridResult } from '../../worker/api';
import type { LandscapeOptions } from './landscape-figure';
import { usePlaneAxes } from './PlaneProbe';
import { snap } from './probe-axis';
import { markerTrace, markerUpdate, markerZ } from './probe-marker';

type GraphDiv = PlotlyHTMLElement & { _fullData?: unknown[] };

const ANIMATE_NOW = {
  mode: 'immediate',
  transition: { duration: 0 },
  frame: { duration: 0, redraw: false },
} as const;

/**
 * Moves the marker trace (index `trace`) to the 2D probe's position, at most once per animation
 * frame and by updating that trace alone: React never re-renders the figure while a slider is
 * dragged. The figure's own data picks up the position whenever it is rebuilt (see below).
 */
function useMarkerSync(
  graph: RefObject<HTMLDivElement | null>,
  grid: GridResult,
  options: LandscapeOptions,
  trace: number,
): void {
  useEffect(() => {
    let frame = 0;
    const draw = () => {
      frame = 0;
      const gd = graph.current as GraphDiv | null;
      // Before Plotly's first draw (or after a purge) there is no trace to move yet.
      if (!gd || (gd._fullData?.length ?? 0) <= trace) return;
      const { a, b, value } = flatlandStore.getState().probe2d;
      const pos = { a, b };
      if (options.view === 'surface') {
        const z = markerZ(grid, options, pos, value);
        void Plotly.restyle(gd, markerUpdate('surface', pos, z), [trace]).catch(() => undefined);
        return;
      }
      // A restyle of x/y would replot the whole figure (axes, colour bar, contours): a frame of
      // an instant animation recomputes the data but redraws only the marker's trace.
      const update = { data: [{ x: [a], y: [b] }], traces: [trace] };
      void Plotly.animate(gd, update, ANIMATE_NOW).catch(() => undefined);
    };
    const unsubscribe = flatlandStore.subscribe((s, prev) => {
      const p = s.probe2d;
      const q = prev.probe2d;
      if (p.a === q.a && p.b === q.b && p.value === q.value) return;
      // Only the 3D marker's height depends on the value; the 2D one needs the position alone.
      if (p.a === q.a && p.b === q.b && options.view !== 'surface') return;
      if (frame === 0) frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [graph, grid, options, trace]);
}

interface ClickEvent {
  points?: { x?: unknown; y?: unknown }[];
}

/**
 * The figure's traces plus the perturbation marker (last), the graph div's ref and a click
 * handler that moves the weights to the clicked point (the nearest slider position).
 */
export function usePerturbMarker(grid: GridResult, options: LandscapeOptions, traces: Data[]) {
  const { controller } = useServices();
  const graph = useRef<HTMLDivElement>(null);
  const axes = usePlaneAxes(grid);
  // Built with the position of the moment; later moves restyle the marker alone.
  const data = useMemo(() => {
    const { a, b, value } = flatlandStore.getState().probe2d;
    const marker = markerTrace(options.view, { a, b }, markerZ(grid, options, { a, b }, value));
    return [...traces, marker];
  }, [grid, options, traces]);
  useMarkerSync(graph, grid, options, data.length - 1);
  const onClick = useCallback(
    (e: ClickEvent) => {
      const p = e.points?.[0];
      if (!axes || typeof p?.x !== 'number' || typeof p.y !== 'number') return;
      controller.perturb.probePlane(snap(axes.a, p.x), snap(axes.b, p.y));
    },
    [axes, controller],
  );
  return { graph, data, onClick };
}
