import { useEffect, useId, useState } from 'react';
import { parseNumber, type NumberSpec } from '../../store/limits';
import type { EditableField } from '../../store/types';
import { flatlandStore, useFlatland } from '../../store';
import styles from './controls.module.css';

interface NumberFieldProps {
  field: EditableField;
  label: string;
  value: number;
  spec: NumberSpec;
  onCommit: (value: number) => void;
}

/**
 * A number input that keeps the typed text as a draft: valid text updates the setting at once,
 * invalid text stays visible with a short message and blocks Train until it is fixed.
 */
export function NumberField({ field, label, value, spec, onCommit }: NumberFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const [draft, setDraft] = useState(() => String(value));
  const error = useFlatland((s) => s.fieldErrors[field]);

  // A hidden field (Momentum under Adam) no longer applies, so its draft must not block Train.
  useEffect(() => () => flatlandStore.getState().setFieldError(field, null), [field]);

  const onChange = (raw: string) => {
    setDraft(raw);
    const parsed = parseNumber(raw, spec);
    flatlandStore.getState().setFieldError(field, parsed.ok ? null : parsed.message);
    if (parsed.ok) onCommit(parsed.value);
  };

  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      <input
        id={id}
        className={styles.input}
        type="number"
        inputMode="decimal"
        min={spec.stepBase ?? spec.min}
        max={spec.max}
        step={spec.step}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span id={errorId} className={styles.error}>
          {error}
        </span>
      )}
    </div>
  );
}
