import { useServices } from '../../app/services';
import { runHoldsControls, useFlatland } from '../../store';
import shared from '../../components/shared.module.css';
import styles from './controls.module.css';

/**
 * Train / Pause–Resume / Stop, and Compare optimizers. Train and Compare stay disabled while a
 * field is invalid or a run is active.
 */
export function RunButtons() {
  const { controller } = useServices();
  const status = useFlatland((s) => s.run.status);
  const invalid = useFlatland((s) => Object.keys(s.fieldErrors).length > 0);
  const active = useFlatland(runHoldsControls);
  const running = status === 'training' || status === 'paused';
  const blocked = invalid ? 'Fix the highlighted settings first' : undefined;
  return (
    <div className={styles.buttonStack}>
      <div className={styles.buttons}>
        <button
          type="submit"
          className={shared.primary}
          disabled={active || invalid}
          title={blocked}
        >
          Train
        </button>
        <button
          type="button"
          className={shared.secondary}
          disabled={!running}
          onClick={() => void (status === 'paused' ? controller.resume() : controller.pause())}
        >
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          className={shared.secondary}
          disabled={!running}
          onClick={() => void controller.stop()}
        >
          Stop
        </button>
      </div>
      <button
        type="button"
        className={shared.secondary}
        disabled={active || invalid}
        title={blocked ?? 'Train SGD, SWA, SAM and WASAM one after another from the same seed'}
        onClick={() => void controller.compare()}
      >
        Compare optimizers
      </button>
    </div>
  );
}
