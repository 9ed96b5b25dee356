/**
 * The analysis panels' job controls, wired to the store and the worker: start / Cancel and the
 * running job's progress. One job runs at a time, so every panel reads the same `analysis.job`.
 */
import { formatProgress } from '../domain/format';
import { ProgressBar } from '../components/ProgressBar';
import type { AnalysisJob, AnalysisJobKind } from '../store/analysis-slice';
import type { Progress } from '../domain/api';
import { flatlandStore, useFlatland } from '../store';
import shared from '../components/shared.module.css';
import { useServices } from './services';

/** Stops every running landscape, θ(α) or sharpness job in the worker. */
export function useCancelJob() {
  const { engine } = useServices();
  return () => {
    flatlandStore.getState().markAnalysisCancelling();
    void engine.cancel().catch(() => undefined);
  };
}

interface JobButtonsProps {
  kind: AnalysisJobKind;
  label: string;
  /** Why the action cannot run now (shown next to it), or null. */
  blocker: string | null;
  onStart: () => void;
}

/** The panel's action, its Cancel and, while running, what it does. */
export function JobButtons({ kind, label, blocker, onStart }: JobButtonsProps) {
  const job = useFlatland((s) => s.analysis.job);
  const cancel = useCancelJob();
  const mine = job?.kind === kind;
  return (
    <div className={shared.row}>
      <button
        type="button"
        className={shared.primary}
        disabled={blocker !== null}
        onClick={onStart}
      >
        {label}
      </button>
      <button type="button" className={shared.secondary} disabled={!mine} onClick={cancel}>
        {mine && job.cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
      {blocker && !mine && <span className={shared.hint}>{blocker}</span>}
    </div>
  );
}

interface JobProgressProps {
  kind: AnalysisJobKind;
  label: string;
  /** What runs now, e.g. the stage. */
  describe: (job: AnalysisJob) => string;
  /** The bar's progress over the whole job (default: the worker's report as it is). */
  overall?: (job: AnalysisJob) => Progress;
}

/** Progress of the job of this kind while it runs: a bar and a line saying what it does. */
export function JobProgress({ kind, label, describe, overall }: JobProgressProps) {
  const job = useFlatland((s) => s.analysis.job);
  if (job?.kind !== kind) return null;
  const p = overall?.(job) ?? job.progress ?? { done: 0, total: 0 };
  const pct = p.total > 0 ? ` ${formatProgress(p)}` : '';
  return <ProgressBar label={label} value={p.done} max={p.total} text={`${describe(job)}${pct}`} />;
}
