import { flatlandStore, useFlatland } from '../../store';
import { LIMITS } from '../../store/limits';
import type { FlatMinimaSettings } from '../../domain/api';
import { CheckboxField } from './CheckboxField';
import { flatView, hasOverrides, helpTexts, stepsPerEpoch, visibleFields } from './flat-fields';
import { NumberField } from './NumberField';
import { ANNEAL_OPTIONS, AVERAGING_OPTIONS, SCHEDULE_OPTIONS } from './options';
import { SelectField } from './SelectField';
import styles from './controls.module.css';

const setFlat = (patch: Partial<FlatMinimaSettings>) => flatlandStore.getState().setFlat(patch);

/** The settings in force (user choices over paper defaults), which fields apply, and their tips. */
export function useFlatView() {
  const train = useFlatland((s) => s.train);
  const view = flatView(train);
  return {
    train,
    settings: view.settings,
    visible: visibleFields(train.optimizer, view.settings),
    help: helpTexts(view),
  };
}

/** SAM and WASAM: the neighbourhood radius and its scale-invariant (ASAM) variant. */
export function SamFields() {
  const { settings, visible, help } = useFlatView();
  if (!visible.has('rho')) return null;
  return (
    <div className={styles.pair}>
      <NumberField
        field="rho"
        label="SAM radius ρ"
        value={settings.rho}
        spec={LIMITS.rho}
        help={help.rho}
        onCommit={(rho) => setFlat({ rho })}
      />
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
  const { settings, visible, help } = useFlatView();
  if (!visible.has('swaStart') && !visible.has('swaLr')) return null;
  return (
    <div className={styles.pair}>
      {visible.has('swaStart') && (
        <NumberField
          field="swaStart"
          label="SWA start"
          value={settings.swaStart}
          spec={LIMITS.swaStart}
          help={help.swaStart}
          hint="Fraction of all steps"
          onCommit={(swaStart) => setFlat({ swaStart })}
        />
      )}
      {visible.has('swaLr') && (
        <NumberField
          field="swaLr"
          label="SWA learning rate"
          value={settings.swaLr}
          spec={LIMITS.swaLr}
          help={help.swaLr}
          onCommit={(swaLr) => setFlat({ swaLr })}
        />
      )}
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
      {visible.has('swaEvery') && (
        <NumberField
          field="swaEvery"
          label="Average every (steps)"
          value={settings.swaEvery}
          spec={LIMITS.swaEvery}
          help={help.swaEvery}
          onCommit={(swaEvery) => setFlat({ swaEvery })}
        />
      )}
    </div>
  );
}

/** The learning-rate schedule, for every optimizer, with the parameters of the chosen one. */
export function LrScheduleFields() {
  const { settings, visible, help } = useFlatView();
  return (
    <>
      <SelectField
        label="LR schedule"
        value={settings.schedule}
        options={SCHEDULE_OPTIONS}
        help={help.schedule}
        onChange={(schedule) => setFlat({ schedule })}
      />
      {visible.has('stepSize') && (
        <div className={styles.pair}>
          <NumberField
            field="stepSize"
            label="Step size (epochs)"
            value={settings.stepSize}
            spec={LIMITS.stepSize}
            help={help.stepSize}
            onCommit={(stepSize) => setFlat({ stepSize })}
          />
          <NumberField
            field="gamma"
            label="Decay γ"
            value={settings.gamma}
            spec={LIMITS.gamma}
            help={help.gamma}
            onCommit={(gamma) => setFlat({ gamma })}
          />
        </div>
      )}
      <ScheduleExtras />
    </>
  );
}

/** The cyclical schedule's cycle length and SWALR's annealing length. */
function ScheduleExtras() {
  const { settings, visible, help } = useFlatView();
  if (!visible.has('cycle') && !visible.has('annealEpochs')) return null;
  return (
    <div className={styles.pair}>
      {visible.has('cycle') && (
        <NumberField
          field="cycle"
          label="Cycle length (steps)"
          value={settings.cycle}
          spec={LIMITS.cycle}
          help={help.cycle}
          hint="0 = one epoch"
          onCommit={(cycle) => setFlat({ cycle })}
        />
      )}
      {visible.has('annealEpochs') && (
        <NumberField
          field="annealEpochs"
          label="Anneal epochs"
          value={settings.annealEpochs}
          spec={LIMITS.annealEpochs}
          help={help.annealEpochs}
          onCommit={(annealEpochs) => setFlat({ annealEpochs })}
        />
      )}
      {visible.has('annealStrategy') && (
        <SelectField
          label="Anneal shape"
          value={settings.annealStrategy}
          options={ANNEAL_OPTIONS}
          help={help.annealStrategy}
          onChange={(annealStrategy) => setFlat({ annealStrategy })}
        />
      )}
    </div>
  );
}

/** Label noise sits with the data: it changes what is learned, not how. */
export function LabelNoiseField() {
  const { settings, help } = useFlatView();
  return (
    <NumberField
      field="labelNoise"
      label="Label noise"
      value={settings.labelNoise}
      spec={LIMITS.labelNoise}
      help={help.labelNoise}
      hint="Fraction of training labels"
      onCommit={(labelNoise) => setFlat({ labelNoise })}
    />
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
