import { useServices } from '../../app/services';
import { runHoldsControls, useFlatland } from '../../store';
import { LandscapeFields } from './LandscapeFields';
import { RunButtons } from './RunButtons';
import { RunProgress, RunStatusLine } from './RunProgress';
import {
  AveragingFields,
  LrScheduleFields,
  ResetFlatButton,
  SamFields,
  SwaFields,
} from './FlatFields';
import { BudgetFields, DataModelFields, OptimizerFields } from './SettingsFields';
import styles from './controls.module.css';

/** The left column: settings, run buttons, progress and status. */
export function ControlsPanel() {
  const { controller } = useServices();
  const locked = useFlatland(runHoldsControls);
  return (
    <section className={styles.panel} aria-labelledby="controls-heading">
      <h2 id="controls-heading" className={styles.heading}>
        Experiment
      </h2>
      <form
        className={styles.form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // Enter in a field submits too: Train stays the default action.
          void controller.train();
        }}
      >
        <fieldset className={styles.group} disabled={locked}>
          <legend className={styles.legend}>Data and model</legend>
          <DataModelFields />
        </fieldset>
        <fieldset className={styles.group} disabled={locked}>
          <legend className={styles.legend}>Optimisation</legend>
          <OptimizerFields />
          <SamFields />
          <SwaFields />
          <AveragingFields />
          <LrScheduleFields />
          <BudgetFields />
          <ResetFlatButton />
        </fieldset>
        <fieldset className={styles.group} disabled={locked}>
          <legend className={styles.legend}>Landscape</legend>
          <div className={styles.pair}>
            <LandscapeFields />
          </div>
        </fieldset>
        <RunButtons />
      </form>
      <RunProgress />
      <RunStatusLine />
    </section>
  );
}
