import { flatlandStore, useFlatland } from '../../store';
import styles from './notices.module.css';

/** The loss diverged: the run stopped by itself and keeps its last finite weights. */
export function DivergenceNotice() {
  const diverged = useFlatland((s) => s.summary?.diverged ?? null);
  if (!diverged) return null;
  return (
    <div className={styles.notice} role="alert" aria-label="The loss diverged">
      <div className={styles.body}>{diverged.message}</div>
    </div>
  );
}

/** The GPU device was lost and the engine moved to another backend (mid-run or between runs). */
export function DeviceNotice() {
  const notice = useFlatland((s) => s.deviceNotice);
  if (!notice) return null;
  return (
    <div className={styles.notice} role="alert" aria-label="GPU device lost">
      <div className={styles.body}>
        <strong>The GPU device was lost. </strong>
        {notice}
      </div>
      <button
        type="button"
        className={styles.dismiss}
        aria-label="Dismiss notice about the lost GPU device"
        onClick={() => flatlandStore.getState().setDeviceNotice(null)}
      >
        ×
      </button>
    </div>
  );
}
