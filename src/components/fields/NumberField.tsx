import { useEffect, useEffectEvent, useId, useState } from 'react';
import type { NumberSpec, ParseResult } from '../../domain/number-spec';
import { describedBy, FieldLabel } from './InfoTip';
import styles from './fields.module.css';

export interface NumberFieldProps {
  label: string;
  value: number;
  /** The input's range and spinner step. */
  spec: NumberSpec;
  /** Reads the typed text against the range (the settings schema's parser). */
  parse: (raw: string) => ParseResult;
  /** Each valid number typed that differs from `value`. */
  onCommit: (value: number) => void;
  /**
   * Told the typed text's own error (null while it reads as a number in range, and again when the
   * field unmounts), so a form can hold its action while a field shows invalid text.
   */
  onError?: (message: string | null) => void;
  /**
   * A broken rule between this field and others (the schema's cross-field rules): the value is
   * kept but shown as invalid, with this message, while the text itself is a valid number.
   */
  problem?: string | null;
  /** One-line explanation behind an (i) tip. */
  help?: string;
  /** Short text always shown under the input. */
  hint?: string;
  disabled?: boolean;
}

/**
 * The draft text of a field and the error of that text. When the value changes from outside (a
 * preset, a default that follows another setting), the draft follows it unless it already reads
 * as that value.
 */
function useDraft(value: number, parse: NumberFieldProps['parse']) {
  const [draft, setDraft] = useState(() => String(value));
  const [shown, setShown] = useState(value);
  const parsed = parse(draft);
  // Adjusting state while rendering (not in an effect) avoids one frame with the stale draft.
  if (shown !== value) {
    setShown(value);
    if (!(parsed.ok && parsed.value === value)) setDraft(String(value));
  }
  return { draft, setDraft, parsed };
}

/** Reports the text's error to `onError` as it changes, and null when the field goes away. */
function useReportError(error: string | null, onError: NumberFieldProps['onError']) {
  const report = useEffectEvent((message: string | null) => onError?.(message));
  useEffect(() => {
    report(error);
    return () => report(null);
  }, [error]);
}

/**
 * A number input that keeps the typed text as a draft: valid text commits at once, invalid text
 * stays visible with a short message (and `onError` hears of it) until it is fixed.
 */
export function NumberField(props: NumberFieldProps) {
  const { label, value, spec, parse, onCommit, onError, problem, help, hint, disabled } = props;
  const id = useId();
  const { draft, setDraft, parsed } = useDraft(value, parse);
  const typed = parsed.ok ? null : parsed.message;
  useReportError(typed, onError);
  const error = typed ?? problem ?? null;
  const onChange = (raw: string) => {
    setDraft(raw);
    const next = parse(raw);
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
        disabled={disabled}
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
