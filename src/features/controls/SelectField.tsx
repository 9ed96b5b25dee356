import { useId } from 'react';
import { describedBy, FieldLabel } from './InfoTip';
import type { Option } from './options';
import styles from './controls.module.css';

interface SelectFieldProps<T extends string | number> {
  label: string;
  value: T;
  options: Option<T>[];
  onChange: (value: T) => void;
  hint?: string;
  /** One-line explanation behind an (i) tip. */
  help?: string;
}

/** A labelled native select; values map back to the typed option they came from. */
export function SelectField<T extends string | number>(props: SelectFieldProps<T>) {
  const { label, value, options, onChange, hint, help } = props;
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
