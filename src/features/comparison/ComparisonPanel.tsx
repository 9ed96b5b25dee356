import { useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { formatDuration } from '../../domain/format';
import { useServices } from '../../app/services';
import { Panel } from '../../components/Panel';
import { ProgressBar } from '../../components/ProgressBar';
import { PlotFigure } from '../../components/plot/PlotFigure';
import { flatlandStore, useFlatland } from '../../store';
import type { RunInfo } from '../../domain/api';
import { comparisonLayout, comparisonTraces } from './comparison-figure';
import { comparisonStore, type ComparisonResult } from './comparison-state';
import { ComparisonTable } from './ComparisonTable';
import { MeasuredNote } from './MeasuredNote';
import shared from '../../components/shared.module.css';
import styles from './comparison.module.css';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface ComparisonPanelProps {
  /** The "Sharpness during training" curves of the session (issue 14 §5), from the app. */
  tracking?: ReactNode;
  /** The 2D side-by-side job, started on request for the compared runs. */
  sideBySide: { blocker: string | null; start: (runs: RunInfo[]) => void };
}

function JobLine() {
  const { engine } = useServices();
  const job = useFlatland((s) => (s.analysis.job?.kind === 'comparison' ? s.analysis.job : null));
  if (!job) return null;
  const item = job.item ?? { index: 0, count: 1, label: 'Starting' };
  const within =
    job.progress && job.progress.total > 0 ? job.progress.done / job.progress.total : 0;
  const cancel = () => {
    flatlandStore.getState().markAnalysisCancelling();
    void engine.cancel().catch(() => undefined);
  };
  return (
    <div className={shared.row}>
      <ProgressBar
        label="Comparison progress"
        value={item.index + within}
        max={item.count}
        text={`${item.label}… (${item.index + 1} of ${item.count})`}
      />
      <button type="button" className={shared.secondary} onClick={cancel}>
        {job.cancelling ? 'Cancelling…' : 'Cancel comparison'}
      </button>
    </div>
  );
}

function Overlay({ results }: { results: readonly ComparisonResult[] }) {
  const data = useMemo(() => comparisonTraces(results), [results]);
  const layout = useMemo(() => comparisonLayout(), []);
  return (
    <PlotFigure
      data={data}
      layout={layout}
      label="1D slices of the compared runs"
      className={shared.plot}
    />
  );
}

/** The curves come from the training session itself: a newer session has replaced them. */
function TrackingSlot({ tracking }: { tracking: ReactNode }) {
  const session = useStore(comparisonStore, (s) => s.session);
  const same = useFlatland((s) => s.run.id === session);
  return (
    <div className={styles.slot}>
      <h3 className={styles.slotTitle}>Sharpness during training</h3>
      {!same ? (
        <p className={shared.hint}>A newer training session has replaced these runs’ curves.</p>
      ) : tracking ? (
        <div
          role="figure"
          aria-label="Sharpness during training of the compared runs"
          className={shared.plot}
        >
          {tracking}
        </div>
      ) : (
        <p className={shared.hint}>λ_max every k steps per run will be drawn here.</p>
      )}
    </div>
  );
}

/**
 * What a comparison's runs did, as soon as it has trained: their slices on one axis, their
 * curvature and basin width, their sharpness during training; the 2D landscapes on request.
 */
export function ComparisonPanel({ tracking, sideBySide }: ComparisonPanelProps) {
  const results = useStore(comparisonStore, (s) => s.results);
  const spec = useStore(comparisonStore, (s) => s.spec);
  const running = useStore(comparisonStore, (s) => s.running);
  const error = useStore(comparisonStore, (s) => s.error);
  const elapsed = useStore(comparisonStore, (s) => s.elapsedMs);
  if (!spec) return null;
  const runs = results.map((r) => r.run);
  return (
    <Panel title="Comparison" className={shared.wide}>
      <div className={styles.stack} id="comparison-view">
        <JobLine />
        <ErrorAlert error={error} />
        {!running && elapsed !== null && (
          <p className={shared.hint}>These measurements took {formatDuration(elapsed)}.</p>
        )}
        <Overlay results={results} />
        <ComparisonTable results={results} basin={spec.basin} />
        <MeasuredNote spec={spec} />
        <TrackingSlot tracking={tracking} />
        <div className={shared.row}>
          <button
            type="button"
            className={shared.primary}
            disabled={sideBySide.blocker !== null}
            onClick={() => sideBySide.start(runs)}
          >
            Show 2D side by side
          </button>
          {sideBySide.blocker && <span className={shared.hint}>{sideBySide.blocker}</span>}
        </div>
      </div>
    </Panel>
  );
}
