import { Panel } from '../../components/Panel';
import { useFlatland } from '../../store';
import { CurvesPlot } from './CurvesPlot';
import styles from './curves.module.css';

/** Training loss per step and train/test metrics per epoch. */
export function CurvesPanel() {
  const idle = useFlatland((s) => s.run.status === 'idle');
  return (
    <Panel
      title="Training curves"
      className={styles.panel}
      explanation={
        <>
          The faint line is the mini-batch loss at every step; points are the loss and accuracy on a
          fixed sample of the training and test sets after each epoch. A widening gap between train
          and test means the model is starting to memorise the training subset.
        </>
      }
    >
      <div className={styles.plot}>
        <CurvesPlot />
        {idle && <p className={styles.empty}>Press Train to start a run.</p>}
      </div>
    </Panel>
  );
}
