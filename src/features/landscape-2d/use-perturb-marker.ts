import type { Data } from 'plotly.js';
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { useServices } from '../../app/services';
import { axisPixel, laidOutAxis, placeAt, useOverlayDraw } from '../../components/plot/overlay';
import Plotly from '../../components/plot/plotly-bundle';
import { flatlandStore, type FlatlandState } from '../../store';
import type { GridResult } from '../../domain/api';
import type { LandscapeOptions } from './landscape-figure';
import { usePlaneAxes } from './PlaneProbe';
import { snap } from './probe-axis';
import { markerTrace, markerUpdate, markerZ } from './probe-marker';

type GraphDiv = HTMLElement & { _fullData?: unknown[] };

const moved = (s: FlatlandState, prev: FlatlandState) =>
  s.probe2d.a !== prev.probe2d.a || s.probe2d.b !== prev.probe2d.b;

/**
 * The 3D view's marker is a scatter3d trace (its height comes from the surface): it is moved by
 * restyling that trace alone, at most once per animation frame, and also when its value arrives.
 */
function useSurfaceMarkerSync(
  graph: RefObject<HTMLDivElement | null>,
  grid: GridResult,
  options: LandscapeOptions,
  trace: number | null,
): void {
  useEffect(() => {
    if (trace === null) return;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const gd = graph.current as GraphDiv | null;
      // Before Plotly's first draw (or after a purge) there is no trace to move yet.
      if (!gd || (gd._fullData?.length ?? 0) <= trace) return;
      const { a, b, value } = flatlandStore.getState().probe2d;
      const z = markerZ(grid, options, { a, b }, value);
      void Plotly.restyle(gd, markerUpdate('surface', { a, b }, z), [trace]).catch(() => undefined);
    };
    const unsubscribe = flatlandStore.subscribe((s, prev) => {
      if (!moved(s, prev) && s.probe2d.value === prev.probe2d.value) return;
      if (frame === 0) frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [graph, grid, options, trace]);
}

const onPlaneMove = (schedule: () => void) =>
  flatlandStore.subscribe((s, prev) => {
    if (moved(s, prev)) schedule();
  });

/** Puts the contour/heatmap marker at the 2D probe's (a, b); hidden in the 3D view. */
function drawFlatMarker(
  graph: RefObject<HTMLDivElement | null>,
  dot: RefObject<HTMLDivElement | null>,
  active: boolean,
): void {
  const x = laidOutAxis(graph.current, 'xaxis');
  const y = laidOutAxis(graph.current, 'yaxis');
  const { a, b } = flatlandStore.getState().probe2d;
  const px = active && x ? axisPixel(x, a) : null;
  const py = active && y ? axisPixel(y, b) : null;
  placeAt(dot.current, px !== null && py !== null ? { left: px, top: py } : null);
  if (dot.current) Object.assign(dot.current.dataset, { a: String(a), b: String(b) });
}

/**
 * On the contour and heatmap the marker is an element over the figure, moved by a CSS transform:
 * dragging a slider never redraws the plot. Returns its ref and the redraw hook for the figure.
 */
function useFlatMarker(graph: RefObject<HTMLDivElement | null>, active: boolean) {
  const dot = useRef<HTMLDivElement>(null);
  const draw = useCallback(() => drawFlatMarker(graph, dot, active), [graph, active]);
  const schedule = useOverlayDraw(draw, onPlaneMove);
  return { dot, schedule };
}

interface ClickEvent {
  points?: { x?: unknown; y?: unknown }[];
}

/**
 * The figure's traces (plus the 3D marker trace in the surface view), the graph div's ref, the
 * 2D marker's ref with the redraw callback for the figure's events, and a click handler that
 * moves the weights to the clicked point (the nearest slider position).
 */
export function usePerturbMarker(grid: GridResult, options: LandscapeOptions, traces: Data[]) {
  const { controller } = useServices();
  const graph = useRef<HTMLDivElement>(null);
  const axes = usePlaneAxes(grid);
  const surface = options.view === 'surface';
  // Built with the position of the moment; later moves restyle the marker alone.
  const data = useMemo(() => {
    if (!surface) return traces;
    const { a, b, value } = flatlandStore.getState().probe2d;
    return [...traces, markerTrace('surface', { a, b }, markerZ(grid, options, { a, b }, value))];
  }, [grid, options, traces, surface]);
  useSurfaceMarkerSync(graph, grid, options, surface ? data.length - 1 : null);
  const { dot, schedule } = useFlatMarker(graph, !surface);
  const onClick = useCallback(
    (e: ClickEvent) => {
      const p = e.points?.[0];
      if (!axes || typeof p?.x !== 'number' || typeof p.y !== 'number') return;
      controller.perturb.probePlane(snap(axes.a, p.x), snap(axes.b, p.y));
    },
    [axes, controller],
  );
  return { graph, data, onClick, dot, schedule };
}
