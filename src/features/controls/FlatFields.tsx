import type { ReactNode } from 'react';
import { flatlandStore, useFlatland } from '../../store';
import type { FlatMinimaSettings } from '../../domain/api';
import { CheckboxField } from '../../components/fields/CheckboxField';
import { SelectField } from '../../components/fields/SelectField';
import { samMProblem } from '../../schema';
import { hasOverrides, stepsPerEpoch, type FlatField } from './flat-fields';
import { ANNEAL_OPTIONS, AVERAGING_OPTIONS, SAM_P_OPTIONS, SCHEDULE_OPTIONS } from './options';
import { FlatChoice, FlatNumber, useFlatView, type FlatNumberName } from './SettingField';
import styles from './controls.module.css';

const setFlat = (patch: Partial<FlatMinimaSettings>) => flatlandStore.getState().setFlat(patch);

/**
 * SAM and WASAM: the neighbourhood radius, its scale-invariant (ASAM) variant and the sub-batch
 * size m each ε is computed on (m-SAM).
 */
export function SamFields() {
  const { train, settings, visible, help } = useFlatView();
  if (!visible.has('rho')) return null;
  return (
    <>
      <div className={styles.pair}>
        <FlatNumber name="rho" />
        <CheckboxField
          label="Adaptive (ASAM)"
          checked={settings.adaptive}
          help={help.adaptive}
          // Second order is SAM's, not ASAM's (schema rule): turning ASAM on turns it off.
          onChange={(adaptive) =>
            setFlat(adaptive ? { adaptive, secondOrder: false } : { adaptive })
          }
        />
      </div>
      {visible.has('m') && (
        <FlatNumber name="m" problem={samMProblem(settings.m, train.batchSize)} />
      )}
      <SamOrderFields />
    </>
  );
}
/** SAM's p-norm ball, its second-order gradient, and the first/second-order update cosine. */
function SamOrderFields() {
  const { settings, visible, help } = useFlatView();
  return (
    <>
      <div className={styles.pair}>
        <FlatChoice name="samP" label="SAM ball ‖ε‖_p" options={SAM_P_OPTIONS} />
        {visible.has('secondOrder') && (
          <CheckboxField
            label="Second order"
            checked={settings.secondOrder}
            help={help.secondOrder}
            onChange={(secondOrder) => setFlat({ secondOrder })}
          />
        )}
      </div>
      {visible.has('secondOrder') && settings.samP === 'inf' && (
        <p className={styles.hint}>
          p = ∞: ε̂ = ρ·sign(g) is piecewise constant, so dε̂/dw = 0 and the second-order term
          vanishes: second-order SAM steps exactly as first-order SAM, and their cosine is 1.
        </p>
      )}
      {visible.has('cosineEvery') && <FlatNumber name="cosineEvery" />}
    </>
  );
}

/**
 * The optimizer numbers among `names` that apply, side by side (then `children`); nothing when
 * none of them applies.
 */
function FlatPair({
  names,
  children,
}: {
  names: (FlatField & FlatNumberName)[];
  children?: ReactNode;
}) {
  const { visible } = useFlatView();
  const shown = names.filter((name) => visible.has(name));
  if (shown.length === 0) return null;
  return (
    <div className={styles.pair}>
      {shown.map((name) => (
        <FlatNumber key={name} name={name} />
      ))}
      {children}
    </div>
  );
}

/** SWA and WASAM (and the schedules that use them): when averaging starts, the SWA lr. */
export function SwaFields() {
  return <FlatPair names={['swaStart', 'swaLr']} />;
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
  const { train } = useFlatView();
  // FGE's snapshots are its own cycle's midpoints (Garipov et al. 2018): it runs no other schedule.
  const fge = train.optimizer === 'fge';
  return (
    <>
      {fge ? (
        <p className={styles.hint}>LR schedule: FGE&apos;s cycle, lr → SWA lr → lr</p>
      ) : (
        <FlatChoice name="schedule" label="LR schedule" options={SCHEDULE_OPTIONS} />
      )}
      <FlatPair names={['stepSize', 'gamma']} />
      <ScheduleExtras />
    </>
  );
}

/** The cyclical schedule's cycle length and SWALR's annealing length and shape. */
function ScheduleExtras() {
  const { visible } = useFlatView();
  return (
    <FlatPair names={['cycle', 'annealEpochs']}>
      {visible.has('annealStrategy') && (
        <FlatChoice name="annealStrategy" label="Anneal shape" options={ANNEAL_OPTIONS} />
      )}
    </FlatPair>
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
