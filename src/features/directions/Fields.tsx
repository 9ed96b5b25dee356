/** Small labelled form controls shared by the analysis panels. */
import { useId, useState, type ReactNode } from 'react';
import { parseNumber, type NumberSpec } from '../../store/limits';
import styles from './analysis.module.css';

interface SelectInputProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  disabled?: boolean;
  /** Called when the list opens, to refresh choices that come from the worker. */
  onFocus?: () => void;
}

export function SelectInput<T extends string>(props: SelectInputProps<T>) {
  const { label, value, options, onChange, disabled, onFocus } = props;
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      <select
        id={id}
        className={styles.input}
        value={value}
        disabled={disabled}
        onFocus={onFocus}
        onChange={(e) => {
          const picked = options.find((o) => o.value === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface NumberInputProps {
  label: string;
  value: number;
  spec: NumberSpec;
  /** A valid number, or null while the text is not one (the caller blocks its action). */
  onCommit: (value: number | null) => void;
  disabled?: boolean;
  /** A broken rule between this field and others (e.g. an empty α range), shown on the field. */
  problem?: string | null;
}

/**
 * A number input that keeps the typed text: valid text commits at once, invalid text stays with a
 * short message. Outside changes (a one-click preset) replace the text.
 */
export function NumberInput(props: NumberInputProps) {
  const { label, value, spec, onCommit, disabled, problem } = props;
  const id = useId();
  const [draft, setDraft] = useState(() => String(value));
  const [typed, setError] = useState<string | null>(null);
  const error = typed ?? problem ?? null;
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // A new value from outside (typing commits the value the text already shows).
    setSeen(value);
    if (Number(draft) !== value) {
      setDraft(String(value));
      setError(null);
    }
  }
  const onChange = (raw: string) => {
    setDraft(raw);
    const parsed = parseNumber(raw, spec);
    setError(parsed.ok ? null : parsed.message);
    onCommit(parsed.ok ? parsed.value : null);
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
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span id={`${id}-error`} className={styles.fieldError}>
          {error}
        </span>
      )}
    </div>
  );
}

interface CheckInputProps {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}

export function CheckInput({ label, checked, onChange, disabled }: CheckInputProps) {
  return (
    <label className={styles.check}>
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

/** Which fields of a form hold invalid text; the form's action waits until there are none. */
export function useInvalidFields() {
  const [invalid, setInvalid] = useState<Record<string, boolean>>({});
  const mark = (field: string, bad: boolean) =>
    setInvalid((m) => (m[field] === bad ? m : { ...m, [field]: bad }));
  return { anyInvalid: Object.values(invalid).some(Boolean), mark };
}
