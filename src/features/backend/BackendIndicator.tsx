import { useFlatland } from '../../store';
import styles from './backend.module.css';

/** The compute backend the worker ended up with, its adapter, and why a faster one was skipped. */
export function BackendIndicator() {
  const backend = useFlatland((s) => s.backend);
  const info = backend.info;
  const name = info?.active ?? (backend.status === 'error' ? 'unavailable' : 'starting…');
  const forced = info && info.requested !== 'auto' ? `requested ${info.requested}` : null;
  const details = [info?.adapter, forced].filter(Boolean).join(' · ');
  return (
    <div className={styles.indicator}>
      <div className={styles.row}>
        <span className={styles.caption} aria-hidden="true">
          Backend
        </span>
        <output className={styles.badge} aria-label="Backend" data-state={backend.status}>
          {name}
        </output>
        {details && <span className={styles.details}>{details}</span>}
      </div>
      {info?.fallbackReason && (
        <p className={styles.note}>{`${info.fallbackReason}, using ${info.active}`}</p>
      )}
      {info?.calibration && <p className={styles.note}>{`Training: ${info.calibration}`}</p>}
      {info?.evaluation && (
        <p className={styles.note}>{`Evaluation (landscapes, probes, θ(α)): ${info.evaluation}`}</p>
      )}
      {backend.error && (
        <p className={styles.error} role="alert">
          {`Could not start the engine: ${backend.error}`}
        </p>
      )}
    </div>
  );
}
