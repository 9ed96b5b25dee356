import { useCallback, useMemo, useRef } from 'react';
import { Plot } from '../../components/plot/Plot';
import { axisPixel, laidOutAxis, placeAt, useOverlayDraw } from '../../components/plot/overlay';
import overlay from '../../components/plot/overlay.module.css';
import { PLOT_CONFIG, PLOT_STYLE } from '../../components/plot/theme';
import { flatlandStore, useFlatland } from '../../store';
import type { SliceResult } from '../../domain/api';
import { sliceAxisTitle } from '../../components/plot/axis-titles';
import { sliceLayout, sliceMarkerData, sliceTraces } from './slice-figure';

interface Marks {
  graph: HTMLDivElement | null;
  dot: HTMLDivElement | null;
  line: HTMLDivElement | null;
}

/** Puts the probe's dot on the train-loss curve and the dashed line at the slider's t. */
function drawMarks(m: Marks, slice: SliceResult | null): void {
  const x = laidOutAxis(m.graph, 'xaxis');
  const y = laidOutAxis(m.graph, 'yaxis');
  if (!slice || !x || !y) {
    placeAt(m.dot, null);
    placeAt(m.line, null);
    return;
  }
  const { dot, lineT } = sliceMarkerData(slice, flatlandStore.getState().probe);
  const dx = dot ? axisPixel(x, dot.t) : null;
  const dy = dot ? axisPixel(y, dot.loss) : null;
  placeAt(m.dot, dx !== null && dy !== null ? { left: dx, top: dy } : null);
  const lx = axisPixel(x, lineT);
  placeAt(m.line, lx === null ? null : { left: lx, top: y._offset });
  if (m.line) m.line.style.height = `${y._length}px`;
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
  const marks = useRef<Marks>({ graph: null, dot: null, line: null });
  const slice = useFlatland((s) => s.landscape.slice);
  const range = useFlatland((s) => s.landscapeConfig.sliceRange);
  const kind = useFlatland((s) => s.analysis.sliceKind);
  const data = useMemo(() => sliceTraces(slice), [slice]);
  const layout = useMemo(() => sliceLayout(range, sliceAxisTitle(kind)), [range, kind]);
  const draw = useCallback(() => drawMarks(marks.current, slice), [slice]);
  const schedule = useOverlayDraw(draw, onProbeMove);
  return (
    <div className={overlay.wrap}>
      <Plot
        ref={(el: HTMLDivElement | null) => {
          marks.current.graph = el;
        }}
        data={data}
        layout={layout}
        config={PLOT_CONFIG}
        style={PLOT_STYLE}
        useResizeHandler
        onAfterPlot={schedule}
        onRelayout={schedule}
      />
      <div
        ref={(el) => {
          marks.current.line = el;
        }}
        className={`${overlay.mark} ${overlay.vline}`}
        data-marker="slider"
        hidden
      />
      <div
        ref={(el) => {
          marks.current.dot = el;
        }}
        className={`${overlay.mark} ${overlay.dot}`}
        data-marker="probe"
        hidden
      />
    </div>
  );
}
