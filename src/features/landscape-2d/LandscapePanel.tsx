import { useMemo, useState } from 'react';
import { formatCosine, formatCount, formatDuration, formatProgress } from '../../domain/format';
import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { ProgressBar } from '../../components/ProgressBar';
import { OverlayPlot } from '../../components/plot/OverlayPlot';
import { useFlatland } from '../../store';
import type { GridResult } from '../../domain/api';
import { LabelsNote } from '../../components/LabelsNote';
import { landscapeLabelsNote } from '../../app/analysis-status';
import { ClipNote } from '../../components/ClipNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { landscapeLayout, landscapeTraces, type LandscapeOptions } from './landscape-figure';
import { landscapeClipNote, type ZRange } from '../../components/plot/grid-z';
import { LandscapeOptionsBar, SharedScaleToggle } from './LandscapeOptions';
import { useSharedScale } from './useSharedRange';
import { useCancelJob } from '../../app/JobControls';
import { PlaneProbe } from './PlaneProbe';
import { usePerturbMarker } from './use-perturb-marker';
import { MARKER_NAME } from './probe-marker';
import overlay from '../../components/plot/overlay.module.css';
import styles from './landscape.module.css';
import shared from '../../components/shared.module.css';

function LandscapePlot({
  grid,
  options,
  range,
}: {
  grid: GridResult;
  options: LandscapeOptions;
  range: ZRange | null;
}) {
  const traces = useMemo(() => landscapeTraces(grid, options, range), [grid, options, range]);
  const { graph, data, onClick, dot, schedule } = usePerturbMarker(grid, options, traces);
  const layout = useMemo(() => landscapeLayout(options, grid.axes), [options, grid.axes]);
  return (
    <OverlayPlot graph={graph} data={data} layout={layout} onRedraw={schedule} onClick={onClick}>
      <div
        ref={dot}
        className={`${overlay.mark} ${overlay.dot} ${styles.marker}`}
        role="img"
        aria-label={MARKER_NAME}
        hidden
      />
    </OverlayPlot>
  );
}

/** "441 evaluations in 1.2 s on wasm (…) · cos(d₁, d₂) = 0.01" for a finished grid. */
function doneText(grid: GridResult): string {
  const n = grid.a.length * grid.b.length;
  const cosine = grid.axes ? formatCosine(grid.axes.cosine) : null;
  const on = grid.evaluatedOn ? ` on ${grid.evaluatedOn}` : '';
  const text = `${formatCount(n)} evaluations in ${formatDuration(grid.elapsedMs)}${on}`;
  return cosine ? `${text} · cos(d₁, d₂) = ${cosine}` : text;
}

/** The grid's progress in points; full once the grid is done, where it stopped otherwise. */
function LandscapeProgress() {
  const { status, grid, gridProgress } = useFlatland((s) => s.landscape);
  const cancel = useCancelJob();
  const running = status === 'slice' || status === 'grid';
  let bar: { value: number; max: number; text: string } | null = null;
  if (status === 'grid') {
    const p = gridProgress ?? { done: 0, total: 0 };
    const what = grid ? 'Refining the grid…' : 'Computing the coarse grid…';
    bar = { value: p.done, max: p.total, text: `${what} ${formatProgress(p)}` };
  } else if (status === 'done' && grid) {
    const n = grid.a.length * grid.b.length;
    bar = { value: n, max: n, text: doneText(grid) };
  } else if (status === 'error' && grid && gridProgress) {
    bar = { value: gridProgress.done, max: gridProgress.total, text: 'Showing the coarse grid.' };
  }
  return (
    <div className={styles.progressRow}>
      {bar && <ProgressBar label="Landscape progress" {...bar} />}
      {running && (
        <button type="button" className={shared.secondary} onClick={cancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

function LandscapeStatus() {
  const landscape = useFlatland((s) => s.landscape);
  const runStatus = useFlatland((s) => s.run.status);
  if (landscape.error) return <ErrorAlert error={landscape.error} />;
  if (landscape.status === 'slice') return <p className={shared.hint}>Waiting for the 1D slice…</p>;
  if (landscape.grid || landscape.status === 'grid') return null;
  const waiting =
    runStatus === 'stopped'
      ? 'The landscape is computed for finished runs only.'
      : 'Computed automatically after the 1D slice.';
  return <p className={shared.hint}>{waiting}</p>;
}

/** Loss over a plane through the explored weights, spanned by the Directions panel's d₁, d₂. */
export function LandscapePanel() {
  const grid = useFlatland((s) => s.landscape.grid);
  const [options, setOptions] = useState<LandscapeOptions>({
    view: 'contour',
    split: 'train',
    log: false,
  });
  const scale = useSharedScale(options);
  const labelsNote = useFlatland(landscapeLabelsNote);
  return (
    <Panel
      title="2D loss landscape"
      explanation={
        <>
          The colour is the loss at w + a·d₁ + b·d₂: two directions (by default independent
          filter-normalised random ones, Li et al. 2018; see Directions) span a plane through the
          trained weights, marked × at the centre. With PCA directions the line is the training
          trajectory projected on the plane. Widely spaced contours around the centre mean a flat
          basin; tightly packed rings mean a sharp one. Log scale helps when the edges are much
          higher than the minimum.
        </>
      }
    >
      <div className={styles.toolbar}>
        <LandscapeOptionsBar options={options} onChange={setOptions} />
        <SharedScaleToggle count={scale.count} on={scale.on} />
      </div>
      <Explainer topic="landscape2d" />
      <LandscapeProgress />
      <LandscapeStatus />
      <LabelsNote note={labelsNote} />
      {grid && <ClipNote text={landscapeClipNote(grid, options.split)} />}
      <div className={styles.plot}>
        {grid ? (
          <LandscapePlot grid={grid} options={options} range={scale.range} />
        ) : (
          <div className={styles.placeholder} />
        )}
      </div>
      <PlaneProbe grid={grid} />
    </Panel>
  );
}
