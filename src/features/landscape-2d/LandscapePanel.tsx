import { useMemo, useState } from 'react';
import { formatCount, formatDuration, formatProgress } from '../../app/format';
import { Panel } from '../../components/Panel';
import { ProgressBar } from '../../components/ProgressBar';
import { Plot } from '../../components/plot/Plot';
import { formatCosine } from '../directions/direction-options';
import { PLOT_CONFIG, PLOT_STYLE } from '../../components/plot/theme';
import { useFlatland } from '../../store';
import type { GridResult } from '../../worker/api';
import { ClipNote } from '../notices/ClipNote';
import {
  landscapeClipNote,
  landscapeLayout,
  landscapeTraces,
  type LandscapeOptions,
} from './landscape-figure';
import { LandscapeOptionsBar } from './LandscapeOptions';
import styles from './landscape.module.css';

function LandscapePlot({ grid, options }: { grid: GridResult; options: LandscapeOptions }) {
  const data = useMemo(() => landscapeTraces(grid, options), [grid, options]);
  const layout = useMemo(() => landscapeLayout(options, grid.axes), [options, grid.axes]);
  return (
    <Plot data={data} layout={layout} config={PLOT_CONFIG} style={PLOT_STYLE} useResizeHandler />
  );
}

function LandscapeStatus() {
  const landscape = useFlatland((s) => s.landscape);
  const runStatus = useFlatland((s) => s.run.status);
  if (landscape.status === 'grid') {
    const p = landscape.gridProgress ?? { done: 0, total: 0 };
    const text = p.total > 0 ? `Computing the grid… ${formatProgress(p)}` : 'Computing the grid…';
    return <ProgressBar label="2D landscape progress" value={p.done} max={p.total} text={text} />;
  }
  if (landscape.status === 'slice') return <p className={styles.hint}>Waiting for the 1D slice…</p>;
  if (landscape.error && !landscape.grid) {
    return (
      <p className={styles.error} role="alert">
        {landscape.error}
      </p>
    );
  }
  if (landscape.grid) {
    const n = landscape.grid.a.length * landscape.grid.b.length;
    const cosine = landscape.grid.axes ? formatCosine(landscape.grid.axes.cosine) : null;
    const text = `${formatCount(n)} evaluations in ${formatDuration(landscape.grid.elapsedMs)}`;
    return <p className={styles.hint}>{cosine ? `${text} · cos(d₁, d₂) = ${cosine}` : text}</p>;
  }
  const waiting =
    runStatus === 'stopped'
      ? 'The landscape is computed for finished runs only.'
      : 'Computed automatically after the 1D slice.';
  return <p className={styles.hint}>{waiting}</p>;
}

/** Loss over a plane through the explored weights, spanned by the Directions panel's d₁, d₂. */
export function LandscapePanel() {
  const grid = useFlatland((s) => s.landscape.grid);
  const [options, setOptions] = useState<LandscapeOptions>({
    view: 'contour',
    split: 'train',
    log: false,
  });
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
      </div>
      <LandscapeStatus />
      {grid && <ClipNote text={landscapeClipNote(grid, options.split)} />}
      <div className={styles.plot}>
        {grid ? (
          <LandscapePlot grid={grid} options={options} />
        ) : (
          <div className={styles.placeholder} />
        )}
      </div>
    </Panel>
  );
}
