import { formatProgress } from '../../domain/format';
import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { ProgressBar } from '../../components/ProgressBar';
import { useFlatland } from '../../store';
import { LabelsNote } from '../../components/LabelsNote';
import { landscapeLabelsNote } from '../../app/analysis-status';
import { ClipNote } from '../../components/ClipNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import shared from '../../components/shared.module.css';
import { ProbeSlider } from './ProbeSlider';
import { sliceClipNote } from './slice-figure';
import { SlicePlot } from './SlicePlot';
import styles from './slice.module.css';

function SliceStatus() {
  const landscape = useFlatland((s) => s.landscape);
  const runStatus = useFlatland((s) => s.run.status);
  if (landscape.status === 'slice') {
    const p = landscape.sliceProgress ?? { done: 0, total: 0 };
    const text = p.total > 0 ? `Computing the slice… ${formatProgress(p)}` : 'Computing the slice…';
    return <ProgressBar label="1D slice progress" value={p.done} max={p.total} text={text} />;
  }
  if (landscape.error && !landscape.slice) return <ErrorAlert error={landscape.error} />;
  if (!landscape.slice) {
    const waiting =
      runStatus === 'stopped'
        ? 'The slice is computed for finished runs only.'
        : 'Computed automatically when training finishes.';
    return <p className={shared.hint}>{waiting}</p>;
  }
  return <ClipNote text={sliceClipNote(landscape.slice)} />;
}

/** Loss along direction d₁ through the trained weights, with a probe slider. */
export function SlicePanel() {
  const labelsNote = useFlatland(landscapeLabelsNote);
  return (
    <Panel
      title="1D loss slice"
      explanation={
        <>
          Each point is the loss at w + t·d, where w are the trained weights and d is direction d₁
          of the Directions panel: by default a random direction rescaled filter by filter to the
          size of w’s own filters (filter normalisation, Li et al. 2018), so t = ±1 means moving
          each filter by its own norm. A wide, shallow bowl is a flat minimum; a narrow, steep one
          is sharp.
        </>
      }
    >
      <Explainer topic="slice1d" />
      <SliceStatus />
      <LabelsNote note={labelsNote} />
      <div className={styles.plot}>
        <SlicePlot />
      </div>
      <ProbeSlider />
    </Panel>
  );
}
