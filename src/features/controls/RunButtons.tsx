import { useServices } from '../../app/services';
import { customModelRule } from '../../schema';
import { runHoldsControls, useFlatland } from '../../store';
import shared from '../../components/shared.module.css';
import styles from './controls.module.css';

/** Why Train is off while a custom model's layers do not fit the data (Train points here). */
function ModelBlock({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <p id="train-blocked-model" role="status" className={styles.blocked}>
      Train is off until the model is valid: {problem}
    </p>
  );
}

/** Why Train and Compare wait: an invalid field, or a custom model that cannot be built. */
function useBlocked() {
  const invalid = useFlatland((s) => Object.keys(s.fieldErrors).length > 0);
  // A custom model trains only once its layers fit the data (the builder shows where they don't).
  const model = useFlatland((s) => customModelRule(s.train.model, s.train.layers));
  const blocked = invalid
    ? 'Fix the highlighted settings first'
    : model
      ? `Fix the model first: ${model}`
      : undefined;
  return { model, blocked };
}

/**
 * Train / Pause–Resume / Stop, and Compare optimizers. Train and Compare stay disabled while a
 * field is invalid, a custom model's layers do not fit the data, or a run is active.
 */
export function RunButtons() {
  const { controller } = useServices();
  const status = useFlatland((s) => s.run.status);
  const active = useFlatland(runHoldsControls);
  const running = status === 'training' || status === 'paused';
  const { model, blocked } = useBlocked();
  return (
    <div className={styles.buttonStack}>
      <div className={styles.buttons}>
        <button
          type="submit"
          className={shared.primary}
          disabled={active || !!blocked}
          title={blocked}
          aria-describedby={model ? 'train-blocked-model' : undefined}
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
      <ModelBlock problem={model} />
      <button
        type="button"
        className={shared.secondary}
        disabled={active || !!blocked}
        title={blocked ?? 'Train SGD, SWA, SAM and WASAM one after another from the same seed'}
        onClick={() => void controller.compare()}
      >
        Compare optimizers
      </button>
    </div>
  );
}
