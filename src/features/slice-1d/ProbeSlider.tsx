import { useId } from 'react';
import { formatLoss, formatPercent, formatT } from '../../app/format';
import { useServices } from '../../app/services';
import { useFlatland } from '../../store';
import type { ProbeState } from '../../store/types';
import styles from './slice.module.css';

/** Slider for t and the loss/accuracy at w + t·d, evaluated by the worker on demand. */
export function ProbeSlider() {
  const { controller } = useServices();
  const id = useId();
  const slice = useFlatland((s) => s.landscape.slice);
  const probe = useFlatland((s) => s.probe);
  const { sliceRange, slicePoints } = useFlatland((s) => s.landscapeConfig);
  // The slider snaps to the slice's own grid so the marker sits on computed points.
  const points = slice?.t.length ?? slicePoints;
  const step = (2 * sliceRange) / Math.max(points - 1, 1);
  return (
    <div className={styles.probe}>
      <div className={styles.sliderRow}>
        <label htmlFor={id} className={styles.sliderLabel}>
          Perturbation t
        </label>
        <input
          id={id}
          className={styles.slider}
          type="range"
          min={-sliceRange}
          max={sliceRange}
          step={step}
          value={probe.t}
          disabled={!slice}
          aria-valuetext={`t = ${formatT(probe.t)}`}
          onChange={(e) => controller.probe(Number(e.target.value))}
        />
        <span className={styles.tValue} aria-hidden="true">
          {`t = ${formatT(probe.t)}`}
        </span>
      </div>
      <ProbeReadout probe={probe} />
      {probe.error && (
        <p className={styles.error} role="alert">
          {probe.error}
        </p>
      )}
    </div>
  );
}

/** Loss and accuracy at the probed point; the loss output holds the number alone. */
function ProbeReadout({ probe }: { probe: ProbeState }) {
  const value = probe.value;
  const loss = (v: number | undefined) => (v === undefined ? '—' : formatLoss(v));
  const acc = (v: number | undefined) => (v === undefined ? '—' : formatPercent(v));
  return (
    <div className={styles.readout} aria-busy={probe.pending}>
      <span className={styles.corner}>{probe.pending ? 'evaluating…' : ''}</span>
      <span className={styles.colHead}>Loss</span>
      <span className={styles.colHead}>Accuracy</span>
      <span className={styles.rowHead}>Train</span>
      <output className={styles.readoutValue} aria-label="Loss at perturbed weights">
        {loss(value?.trainLoss)}
      </output>
      <output className={styles.readoutValue} aria-label="Accuracy at perturbed weights">
        {acc(value?.trainAcc)}
      </output>
      <span className={styles.rowHead}>Test</span>
      <span className={styles.readoutValue}>{loss(value?.testLoss)}</span>
      <span className={styles.readoutValue}>{acc(value?.testAcc)}</span>
    </div>
  );
}
