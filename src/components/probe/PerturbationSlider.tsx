import { useId, type KeyboardEvent } from 'react';
import { nextSliderValue, type SliderKey } from './slider-keys';
import styles from './probe.module.css';

interface Props {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** Read by screen readers and shown beside the slider, e.g. "a = +0.120". */
  valueText: string;
  disabled: boolean;
  onValue: (value: number) => void;
  /** The pointer or key let go: the slider rests where it is. */
  onRelease?: () => void;
}

const OWN_KEYS = new Set<string>(['Home', 'PageUp', 'PageDown']);

/**
 * A range input for a perturbation coefficient. Arrows and End keep their native meaning; Home
 * returns to 0 (the trained weights) rather than to the minimum, and Page Up/Down move ten steps
 * whatever the number of steps (Chromium's native jump is a tenth of the range).
 */
export function PerturbationSlider(props: Props) {
  const { label, min, max, step, value, valueText, disabled, onValue, onRelease } = props;
  const id = useId();
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!OWN_KEYS.has(e.key)) return;
    e.preventDefault();
    const next = nextSliderValue(e.key as SliderKey, value, { min, max, step });
    if (next !== value) onValue(next);
  };
  return (
    <div className={styles.sliderRow}>
      <label htmlFor={id} className={styles.sliderLabel}>
        {label}
      </label>
      <input
        id={id}
        className={styles.slider}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        aria-valuetext={valueText}
        onKeyDown={onKeyDown}
        onChange={(e) => onValue(Number(e.target.value))}
        onPointerUp={onRelease}
        onKeyUp={onRelease}
      />
      <span className={styles.tValue} aria-hidden="true">
        {valueText}
      </span>
    </div>
  );
}
