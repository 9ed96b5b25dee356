import { formatCount, formatDuration, formatPercent, formatRate } from '../../domain/format';
import { DATASET_LABELS, isToyDataset } from '../../domain/toy-data';
import type { DatasetId } from '../../domain/api';
import { ProgressBar } from '../../components/ProgressBar';
import { useFlatland } from '../../store';
import { FinalMetrics } from './FinalMetrics';
import styles from './controls.module.css';

/** Step, epoch and ETA of the current run; during a comparison, which of its runs. */
export function RunProgress() {
  const run = useFlatland((s) => s.run);
  const compare = useFlatland((s) => s.compare);
  const total = run.totalSteps;
  const stepText = total > 0 ? `Step ${formatCount(run.step)} / ${formatCount(total)}` : 'Step —';
  const epochText = run.epochs > 0 ? `Epoch ${Math.max(run.epoch, 0)} / ${run.epochs}` : 'Epoch —';
  const eta =
    run.status === 'training' || run.status === 'paused' ? formatDuration(run.etaMs) : '—';
  const which = compare ? `${compare.name} (${compare.index} of ${compare.total}) · ` : '';
  return (
    <ProgressBar
      label="Training progress"
      value={run.step}
      max={total}
      text={`${which}${stepText} · ${epochText} · ETA ${eta} · ${formatRate(run.stepsPerSecond)}`}
    />
  );
}

const examplesOf = (id: DatasetId) =>
  id === 'imported' ? 'samples' : isToyDataset(id) ? 'points' : 'images';

/** Run status in a live region, errors as alerts, and the final metrics once a run ends. */
export function RunStatusLine() {
  const run = useFlatland((s) => s.run);
  const dataset = useFlatland((s) => s.dataset);
  const plan = useFlatland((s) => s.plan);
  return (
    <div className={styles.statusBlock}>
      <p className={styles.status} role="status" aria-live="polite" data-status={run.status}>
        {run.status === 'error' ? null : run.message}
      </p>
      {run.status === 'error' && (
        <p className={styles.errorBox} role="alert">
          {run.message}
        </p>
      )}
      <FinalMetrics />
      {dataset && (
        <p className={styles.hint}>
          {`${DATASET_LABELS[dataset.id]}: ${formatCount(dataset.train)} training and ${formatCount(dataset.test)} test ${examplesOf(dataset.id)}`}
          {plan &&
            plan.labelsChanged > 0 &&
            ` · label noise changed ${formatPercent(plan.labelsChanged)} of the training labels`}
        </p>
      )}
    </div>
  );
}
