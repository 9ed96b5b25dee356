import { useState } from 'react';
import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { useFlatland } from '../../store';
import styles from './tracking.module.css';
import { TrackingPlot } from './TrackingPlot';

/** λ_max of the training loss every k steps for each run, against the stability threshold. */
export function SharpnessTrackingPanel() {
  const [logY, setLogY] = useState(false);
  const every = useFlatland((s) => s.train.sharpnessEvery ?? 0);
  return (
    <Panel
      title="Sharpness during training"
      className={styles.panel}
      actions={
        <label className={styles.toggle}>
          <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} />
          Log scale
        </label>
      }
      explanation={
        <>
          One colour per run: λ_max, the largest eigenvalue of the Hessian of the training loss,
          {every > 0 ? ` every ${every} steps` : ' every k steps (off now: set it in the controls)'}
          , on a fixed sample of the run's own training labels (noisy ones under label noise), in
          eval mode (BatchNorm moving statistics); for SWA and WASAM at the iterates, not the
          average. Dashed: the stability threshold 2/η, or 2(1+β)/η with momentum β, from each
          step's learning rate. No line for Adam.
        </>
      }
    >
      <Explainer topic="sharpnessTracking" />
      <div className={styles.plot}>
        <TrackingPlot logY={logY} />
      </div>
    </Panel>
  );
}
