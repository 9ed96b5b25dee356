import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { useFlatland } from '../../store';
import { CurvesPlot } from './CurvesPlot';
import styles from './curves.module.css';

/** Loss per step, train/test (and SWA-average) metrics per epoch and the lr, for each run. */
export function CurvesPanel() {
  const idle = useFlatland((s) => s.run.status === 'idle');
  return (
    <Panel
      title="Training curves"
      className={styles.panel}
      explanation={
        <>
          One colour per run (click a legend entry to hide it). The faint line is the mini-batch
          loss at every step; solid lines are train and dashed lines test loss and accuracy after
          each epoch, on fixed samples. For SWA and WASAM, diamonds (dotted: train, dash-dot: test)
          are the averaged weights with BatchNorm recomputed, and a dashed vertical line marks where
          averaging starts. The strip at the bottom is the learning rate of each step.
        </>
      }
    >
      <Explainer topic="curves" />
      <div className={styles.plot}>
        <CurvesPlot />
        {idle && <p className={styles.empty}>Press Train to start a run.</p>}
      </div>
    </Panel>
  );
}
