import type { LabelChoice } from '../domain/api';
import { LABEL_OPTIONS, runLabelsNotes, type LabelledRun } from '../domain/labels';
import { SelectField } from './fields/SelectField';
import shared from './shared.module.css';

/** Which training labels a plot or table was computed with (`labelsNote`), when that needs saying. */
export function LabelsNote({ note }: { note: string | null }) {
  return note ? (
    <p className={shared.hint} role="note">
      {note}
    </p>
  ) : null;
}

/** The notes of `runLabelsNotes`, one paragraph; nothing when no run needs one. */
export function RunLabelsNotes({ runs }: { runs: readonly LabelledRun[] }) {
  const notes = runLabelsNotes(runs);
  return <LabelsNote note={notes.length > 0 ? notes.join(' ') : null} />;
}

interface LabelsFieldProps {
  /** Unique on the page (default "Training labels"): the sharpness form has its own choice. */
  label?: string;
  value: LabelChoice;
  onChange: (labels: LabelChoice) => void;
}

/** The training-labels choice of a form: the run's own (default) or the clean ones. */
export function LabelsField(props: LabelsFieldProps) {
  return (
    <SelectField
      label={props.label ?? 'Training labels'}
      value={props.value}
      options={LABEL_OPTIONS}
      onChange={props.onChange}
    />
  );
}
