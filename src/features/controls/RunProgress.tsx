import {
  formatCount,
  formatDuration,
  formatLoss,
  formatPercent,
  formatRate,
} from '../../app/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useFlatland } from '../../store';
import styles from './controls.module.css';

/** Step, epoch and ETA of the current run. */
export function RunProgress() {
  const run = useFlatland((s) => s.run);
  const total = run.totalSteps;
  const stepText = total > 0 ? `Step ${formatCount(run.step)} / ${formatCount(total)}` : 'Step —';
  const epochText = run.epochs > 0 ? `Epoch ${Math.max(run.epoch, 0)} / ${run.epochs}` : 'Epoch —';
  const eta =
    run.status === 'training' || run.status === 'paused' ? formatDuration(run.etaMs) : '—';
  return (
    <ProgressBar
      label="Training progress"
      value={run.step}
      max={total}
      text={`${stepText} · ${epochText} · ETA ${eta} · ${formatRate(run.stepsPerSecond)}`}
    />
  );
}

/** Run status in a live region, errors as alerts, and the final metrics once a run ends. */
export function RunStatusLine() {
  const run = useFlatland((s) => s.run);
  const summary = useFlatland((s) => s.summary);
  const dataset = useFlatland((s) => s.dataset);
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
      {summary?.final && (
        <dl className={styles.metrics}>
          <dt>Test accuracy</dt>
          <dd>{formatPercent(summary.final.testAcc)}</dd>
          <dt>Test loss</dt>
          <dd>{formatLoss(summary.final.testLoss)}</dd>
          <dt>Train loss</dt>
          <dd>{formatLoss(summary.final.trainLoss)}</dd>
          <dt>Time</dt>
          <dd>{formatDuration(summary.elapsedMs)}</dd>
        </dl>
      )}
      {dataset && (
        <p className={styles.hint}>
          {`${dataset.id === 'mnist' ? 'MNIST' : 'Fashion-MNIST'}: ${formatCount(dataset.train)} training and ${formatCount(dataset.test)} test images`}
        </p>
      )}
    </div>
  );
}
