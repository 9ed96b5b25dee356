import { useEffect, useId, useState } from 'react';
import { parseNumber, type NumberSpec } from '../../store/limits';
import type { EditableField } from '../../store/types';
import { flatlandStore } from '../../store';
import { describedBy, FieldLabel } from './InfoTip';
import styles from './controls.module.css';

interface NumberFieldProps {
  field: EditableField;
  label: string;
  value: number;
  spec: NumberSpec;
  onCommit: (value: number) => void;
  /** One-line explanation behind an (i) tip. */
  help?: string;
  /** Short text always shown under the input. */
  hint?: string;
  /**
   * A rule between this field and others (the schema's cross-field rules): the value is kept,
   * but shown as invalid and blocks Train while the rule is broken.
   */
  problem?: (value: number) => string | null;
}

const matches = (draft: string, value: number, spec: NumberSpec) => {
  const parsed = parseNumber(draft, spec);
  return parsed.ok && parsed.value === value;
};

/**
 * The draft text of a field and its error. When the value changes from outside (a default that
 * follows another setting), the draft follows it unless it already reads as that value.
 */
function useDraft(
  field: EditableField,
  value: number,
  spec: NumberSpec,
  problem?: (value: number) => string | null,
) {
  const [draft, setDraft] = useState(() => String(value));
  const [shown, setShown] = useState(value);
  // Adjusting state while rendering (not in an effect) avoids one frame with the stale draft.
  if (shown !== value) {
    setShown(value);
    if (!matches(draft, value, spec)) setDraft(String(value));
  }
  const parsed = parseNumber(draft, spec);
  const error = parsed.ok ? (problem?.(parsed.value) ?? null) : parsed.message;

  // The store learns of the error so Train can be disabled; a hidden field (Momentum under
  // Adam) no longer applies, so unmounting withdraws it.
  useEffect(() => {
    const { setFieldError } = flatlandStore.getState();
    setFieldError(field, error);
    return () => setFieldError(field, null);
  }, [field, error]);
  return { draft, setDraft, error };
}

/**
 * A number input that keeps the typed text as a draft: valid text updates the setting at once,
 * invalid text stays visible with a short message and blocks Train until it is fixed.
 */
export function NumberField(props: NumberFieldProps) {
  const { field, label, value, spec, onCommit, help, hint, problem } = props;
  const id = useId();
  const { draft, setDraft, error } = useDraft(field, value, spec, problem);

  const onChange = (raw: string) => {
    setDraft(raw);
    const next = parseNumber(raw, spec);
    if (next.ok && next.value !== value) onCommit(next.value);
  };

  return (
    <div className={styles.field}>
      <FieldLabel htmlFor={id} label={label} help={help} helpId={`${id}-help`} />
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
        aria-describedby={describedBy(
          help && `${id}-help`,
          hint && !error && `${id}-hint`,
          error && `${id}-error`,
        )}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && !error && (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className={styles.error}>
          {error}
        </span>
      )}
    </div>
  );
}
