/**
 * Markers drawn over a Plotly figure as plain absolutely positioned elements. Moving one costs a
 * CSS transform; moving a Plotly trace, even by an instant animation frame, re-runs the figure's
 * defaults and redraws its traces (20–80 ms per frame here, the long tasks of a slider drag).
 */
import { useCallback, useEffect, useRef } from 'react';

/** A cartesian axis as Plotly laid it out: the plot area's offset/length and data → pixel. */
export interface LaidOutAxis {
  _offset: number;
  _length: number;
  l2p: (v: number) => number;
}

type GraphDiv = HTMLElement & { _fullLayout?: Record<string, unknown> };

/** The laid-out axis `name` ("xaxis", "yaxis", "yaxis2") of a drawn graph div; null before. */
export function laidOutAxis(div: HTMLElement | null, name: string): LaidOutAxis | null {
  const axis = (div as GraphDiv | null)?._fullLayout?.[name] as Partial<LaidOutAxis> | undefined;
  if (!axis || typeof axis.l2p !== 'function') return null;
  if (typeof axis._offset !== 'number' || typeof axis._length !== 'number') return null;
  return axis as LaidOutAxis;
}

/** Pixel position along an axis, or null when not finite or outside the plot area. */
export function axisPixel(axis: LaidOutAxis, value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const p = axis.l2p(value);
  if (!Number.isFinite(p) || p < -0.5 || p > axis._length + 0.5) return null;
  return axis._offset + p;
}

/** Moves `el` so its origin sits at (left, top) of the graph div; hides it when `at` is null. */
export function placeAt(el: HTMLElement | null, at: { left: number; top: number } | null): void {
  if (!el) return;
  el.hidden = at === null;
  if (at) el.style.transform = `translate(${at.left}px, ${at.top}px)`;
}

/**
 * Calls `draw` at most once per animation frame after `schedule()`, and returns `schedule` for
 * the figure's own redraw events (after a plot, a zoom or a resize the axes have moved).
 * `subscribe` connects the sources that move the markers (e.g. the store) to `schedule`.
 */
export function useOverlayDraw(
  draw: () => void,
  subscribe: (schedule: () => void) => () => void,
): () => void {
  const frame = useRef(0);
  const schedule = useCallback(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      draw();
    });
  }, [draw]);
  useEffect(() => {
    const unsubscribe = subscribe(schedule);
    schedule();
    return () => {
      unsubscribe();
      if (frame.current !== 0) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [subscribe, schedule]);
  return schedule;
}
