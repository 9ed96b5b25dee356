import { flatlandStore, useFlatland } from '../../store';
import type { FlatMinimaSettings } from '../../domain/api';
import { CheckboxField } from '../../components/fields/CheckboxField';
import { SelectField } from '../../components/fields/SelectField';
import { hasOverrides, stepsPerEpoch } from './flat-fields';
import { ANNEAL_OPTIONS, AVERAGING_OPTIONS, SCHEDULE_OPTIONS } from './options';
import { FlatChoice, FlatNumber, useFlatView } from './SettingField';
import styles from './controls.module.css';

const setFlat = (patch: Partial<FlatMinimaSettings>) => flatlandStore.getState().setFlat(patch);

/** SAM and WASAM: the neighbourhood radius and its scale-invariant (ASAM) variant. */
export function SamFields() {
  const { settings, visible, help } = useFlatView();
  if (!visible.has('rho')) return null;
  return (
    <div className={styles.pair}>
      <FlatNumber name="rho" />
      <CheckboxField
        label="Adaptive (ASAM)"
        checked={settings.adaptive}
        help={help.adaptive}
        onChange={(adaptive) => setFlat({ adaptive })}
      />
    </div>
  );
}

/** SWA and WASAM (and the schedules that use them): when averaging starts, the SWA lr. */
export function SwaFields() {
  const { visible } = useFlatView();
  if (!visible.has('swaStart') && !visible.has('swaLr')) return null;
  return (
    <div className={styles.pair}>
      {visible.has('swaStart') && <FlatNumber name="swaStart" />}
      {visible.has('swaLr') && <FlatNumber name="swaLr" />}
    </div>
  );
}

/** SWA and WASAM: how often the running average takes in the current weights. */
export function AveragingFields() {
  const { train, settings, visible, help } = useFlatView();
  if (!visible.has('averaging')) return null;
  return (
    <div className={styles.pair}>
      <SelectField
        label="Averaging"
        value={settings.swaEvery > 0 ? 'steps' : 'epoch'}
        options={AVERAGING_OPTIONS}
        help={help.averaging}
        // Switching to k steps starts from one epoch's worth, the same frequency as before.
        onChange={(mode) =>
          setFlat({ swaEvery: mode === 'epoch' ? 0 : stepsPerEpoch(train.subset, train.batchSize) })
        }
      />
      {visible.has('swaEvery') && <FlatNumber name="swaEvery" />}
    </div>
  );
}

/** The learning-rate schedule, for every optimizer, with the parameters of the chosen one. */
export function LrScheduleFields() {
  const { visible } = useFlatView();
  return (
    <>
      <FlatChoice name="schedule" label="LR schedule" options={SCHEDULE_OPTIONS} />
      {visible.has('stepSize') && (
        <div className={styles.pair}>
          <FlatNumber name="stepSize" />
          <FlatNumber name="gamma" />
        </div>
      )}
      <ScheduleExtras />
    </>
  );
}

/** The cyclical schedule's cycle length and SWALR's annealing length. */
function ScheduleExtras() {
  const { visible } = useFlatView();
  if (!visible.has('cycle') && !visible.has('annealEpochs')) return null;
  return (
    <div className={styles.pair}>
      {visible.has('cycle') && <FlatNumber name="cycle" />}
      {visible.has('annealEpochs') && <FlatNumber name="annealEpochs" />}
      {visible.has('annealStrategy') && (
        <FlatChoice name="annealStrategy" label="Anneal shape" options={ANNEAL_OPTIONS} />
      )}
    </div>
  );
}

/** Forgets every optimizer setting the user changed; shown only when there is one. */
export function ResetFlatButton() {
  const edited = useFlatland((s) => hasOverrides(s.train.flat));
  if (!edited) return null;
  return (
    <button
      type="button"
      className={styles.link}
      onClick={() => flatlandStore.getState().resetFlat()}
    >
      Reset optimizer settings to the paper defaults
    </button>
  );
}
