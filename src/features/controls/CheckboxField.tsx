import { useId } from 'react';
import { InfoTip } from './InfoTip';
import controls from './controls.module.css';
import styles from './tips.module.css';

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: string;
}

/** A labelled checkbox with an optional (i) tip. */
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
      <label htmlFor={id} className={controls.label}>
        {label}
      </label>
      {help && <InfoTip label={label} id={helpId} text={help} />}
    </div>
  );
}
