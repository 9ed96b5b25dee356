import { useId } from 'react';
import { describedBy, FieldLabel } from './InfoTip';
import styles from './fields.module.css';

/** One choice of a select: the typed value and its text. */
export interface Option<T extends string | number> {
  value: T;
  label: string;
}

interface SelectFieldProps<T extends string | number> {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  /** Short text always shown under the select. */
  hint?: string;
  /** One-line explanation behind an (i) tip. */
  help?: string;
  disabled?: boolean;
  /** Called when the list opens, to refresh choices that come from the worker. */
  onFocus?: () => void;
}

/** A labelled native select; values map back to the typed option they came from. */
export function SelectField<T extends string | number>(props: SelectFieldProps<T>) {
  const { label, value, options, onChange, hint, help, disabled, onFocus } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const helpId = `${id}-help`;
  return (
    <div className={styles.field}>
      <FieldLabel htmlFor={id} label={label} help={help} helpId={helpId} />
      <select
        id={id}
        className={styles.input}
        value={String(value)}
        disabled={disabled}
        onFocus={onFocus}
        aria-describedby={describedBy(help && helpId, hint && hintId)}
        onChange={(e) => {
          const picked = options.find((o) => String(o.value) === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <span id={hintId} className={styles.hint}>
          {hint}
        </span>
      )}
    </div>
  );
}
