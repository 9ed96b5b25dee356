import { useFlatland } from '../../store';
import type { LabelChoice, RunInfo } from '../../worker/api';
import { SelectInput } from '../directions/Fields';
import { LABEL_OPTIONS, labelsNote } from './labels';
import styles from '../slice-1d/slice.module.css';

/** The label noise a run trained with (0 without). */
export const noiseOf = (run: RunInfo | undefined) => run?.config.flat?.labelNoise ?? 0;

/** Which labels the landscape on screen was computed with, when that needs saying. */
export function LandscapeLabelsNote() {
  const labels = useFlatland((s) => s.landscape.config?.labels);
  const shown = useFlatland((s) => s.landscape.slice !== null || s.landscape.grid !== null);
  const noise = useFlatland((s) => noiseOf(s.runs.find((r) => r.id === s.explored?.runId)));
  const note = shown ? labelsNote(labels, noise) : null;
  return note ? (
    <p className={styles.hint} role="note">
      {note}
    </p>
  ) : null;
}

/** Which labels the sharpness rows were measured with, when that needs saying (one line each). */
export function SharpnessLabelsNote() {
  const entries = useFlatland((s) => s.analysis.sharpness.entries);
  const notes = new Set<string>();
  for (const e of entries) {
    const note = labelsNote(e.settings.labels, noiseOf(e.run));
    if (note) notes.add(`${e.run.name}: ${note}`);
  }
  if (notes.size === 0) return null;
  return (
    <p className={styles.hint} role="note">
      {[...notes].join(' ')}
    </p>
  );
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
    <SelectInput
      label={props.label ?? 'Training labels'}
      value={props.value}
      options={LABEL_OPTIONS}
      onChange={props.onChange}
    />
  );
}
