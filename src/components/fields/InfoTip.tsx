import { useState } from 'react';
import styles from './fields.module.css';

interface InfoTipProps {
  /** The field the tip explains, for the button's accessible name ("About SWA start"). */
  label: string;
  /** Id of the tooltip text; the field's input also points at it with aria-describedby. */
  id: string;
  text: string;
}

/**
 * A small (i) button whose tooltip shows on hover and keyboard focus and hides on Escape. The
 * text stays in the DOM while hidden, so aria-describedby reads it to screen readers either way.
 */
export function InfoTip({ label, id, text }: InfoTipProps) {
  const [open, setOpen] = useState(false);
  return (
    <span
      className={styles.tipAnchor}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
    >
      <button
        type="button"
        className={styles.tipButton}
        aria-label={`About ${label}`}
        aria-describedby={id}
        aria-expanded={open}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        i
      </button>
      <span role="tooltip" id={id} className={styles.tip} hidden={!open}>
        {text}
      </span>
    </span>
  );
}

interface FieldLabelProps {
  htmlFor: string;
  label: string;
  help?: string;
  helpId: string;
}

/** A field's visible label, with its (i) tip when it has one. */
export function FieldLabel({ htmlFor, label, help, helpId }: FieldLabelProps) {
  return (
    <span className={styles.labelRow}>
      <label htmlFor={htmlFor} className={styles.label}>
        {label}
      </label>
      {help && <InfoTip label={label} id={helpId} text={help} />}
    </span>
  );
}

/** The ids an input is described by: its help, its hint and its error, whichever exist. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => !!id);
  return present.length > 0 ? present.join(' ') : undefined;
}
