import { useId, type ReactNode } from 'react';
import { InfoTip } from './InfoTip';
import styles from './fields.module.css';

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: string;
}

/** A labelled checkbox in a row of fields, level with the inputs, with an optional (i) tip. */
export function CheckboxField({ label, checked, onChange, help }: CheckboxFieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className={styles.checkRow}>
      <input
        id={id}
        type="checkbox"
        className={styles.checkbox}
        checked={checked}
        aria-describedby={help ? helpId : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {help && <InfoTip label={label} id={helpId} text={help} />}
    </div>
  );
}

interface CheckInputProps {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** Tooltip of the whole control, e.g. why it is disabled. */
  title?: string;
}

/** A checkbox inline with its label: a panel's toolbar switch or one of a list of switches. */
export function CheckInput({ label, checked, onChange, disabled, title }: CheckInputProps) {
  return (
    <label className={styles.inline} title={title}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
