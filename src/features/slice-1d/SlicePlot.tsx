import { useCallback, useMemo, useRef, type RefObject } from 'react';
import { OverlayPlot } from '../../components/plot/OverlayPlot';
import { axisPixel, laidOutAxis, placeAt, useOverlayDraw } from '../../components/plot/overlay';
import overlay from '../../components/plot/overlay.module.css';
import { flatlandStore, useFlatland } from '../../store';
import type { SliceResult } from '../../domain/api';
import { sliceAxisTitle } from '../../components/plot/axis-titles';
import { sliceLayout, sliceMarkerData, sliceTraces } from './slice-figure';

type DivRef = RefObject<HTMLDivElement | null>;

/** The graph and the two marks over it. */
interface Marks {
  graph: DivRef;
  dot: DivRef;
  line: DivRef;
}

/** Puts the probe's dot on the train-loss curve and the dashed line at the slider's t. */
function drawMarks({ graph, dot: dotMark, line }: Marks, slice: SliceResult | null): void {
  const x = laidOutAxis(graph.current, 'xaxis');
  const y = laidOutAxis(graph.current, 'yaxis');
  if (!slice || !x || !y) {
    placeAt(dotMark.current, null);
    placeAt(line.current, null);
    return;
  }
  const { dot, lineT } = sliceMarkerData(slice, flatlandStore.getState().probe);
  const dx = dot ? axisPixel(x, dot.t) : null;
  const dy = dot ? axisPixel(y, dot.loss) : null;
  placeAt(dotMark.current, dx !== null && dy !== null ? { left: dx, top: dy } : null);
  const lx = axisPixel(x, lineT);
  placeAt(line.current, lx === null ? null : { left: lx, top: y._offset });
  if (line.current) line.current.style.height = `${y._length}px`;
}

const onProbeMove = (schedule: () => void) =>
  flatlandStore.subscribe((s, prev) => {
    if (s.probe.t !== prev.probe.t || s.probe.value !== prev.probe.value) schedule();
  });

/**
 * The slice's curves, rebuilt only when a new slice arrives; the probe's dot and line are drawn
 * over the figure and moved by a CSS transform, so dragging the slider never redraws the plot.
 */
export function SlicePlot() {
  const graph = useRef<HTMLDivElement>(null);
  const dot = useRef<HTMLDivElement>(null);
  const line = useRef<HTMLDivElement>(null);
  const slice = useFlatland((s) => s.landscape.slice);
  const range = useFlatland((s) => s.landscapeConfig.sliceRange);
  const kind = useFlatland((s) => s.analysis.sliceKind);
  const data = useMemo(() => sliceTraces(slice), [slice]);
  const layout = useMemo(() => sliceLayout(range, sliceAxisTitle(kind)), [range, kind]);
  const draw = useCallback(() => drawMarks({ graph, dot, line }, slice), [slice]);
  const schedule = useOverlayDraw(draw, onProbeMove);
  return (
    <OverlayPlot graph={graph} data={data} layout={layout} onRedraw={schedule}>
      <div ref={line} className={`${overlay.mark} ${overlay.vline}`} data-marker="slider" hidden />
      <div ref={dot} className={`${overlay.mark} ${overlay.dot}`} data-marker="probe" hidden />
    </OverlayPlot>
  );
}
