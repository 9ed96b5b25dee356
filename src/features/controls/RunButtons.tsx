import { useServices } from '../../app/services';
import { useFlatland } from '../../store';
import styles from './controls.module.css';

/** Train / Pause–Resume / Stop. Train stays disabled while a field is invalid or a run is active. */
export function RunButtons() {
  const { controller } = useServices();
  const status = useFlatland((s) => s.run.status);
  const invalid = useFlatland((s) => Object.keys(s.fieldErrors).length > 0);
  const active = status === 'loading' || status === 'training' || status === 'paused';
  const running = status === 'training' || status === 'paused';
  return (
    <div className={styles.buttons}>
      <button
        type="submit"
        className={styles.primary}
        disabled={active || invalid}
        title={invalid ? 'Fix the highlighted settings first' : undefined}
      >
        Train
      </button>
      <button
        type="button"
        className={styles.secondary}
        disabled={!running}
        onClick={() => void (status === 'paused' ? controller.resume() : controller.pause())}
      >
        {status === 'paused' ? 'Resume' : 'Pause'}
      </button>
      <button
        type="button"
        className={styles.secondary}
        disabled={!running}
        onClick={() => void controller.stop()}
      >
        Stop
      </button>
    </div>
  );
}
