import { useFlatland } from '../../store';
import type { LabelChoice, RunInfo } from '../../domain/api';
import { SelectInput } from '../directions/Fields';
import { LABEL_OPTIONS, labelsNote, runLabelsNotes, type LabelledRun } from './labels';
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

/** The notes of `runLabelsNotes`, one paragraph; nothing when no run needs one. */
export function RunLabelsNotes({ runs }: { runs: readonly LabelledRun[] }) {
  const notes = runLabelsNotes(runs);
  if (notes.length === 0) return null;
  return (
    <p className={styles.hint} role="note">
      {notes.join(' ')}
    </p>
  );
}

/** Which labels the sharpness rows were measured with, when that needs saying. */
export function SharpnessLabelsNote() {
  const entries = useFlatland((s) => s.analysis.sharpness.entries);
  const runs = entries.map((e) => ({
    name: e.run.name,
    labels: e.settings.labels,
    labelNoise: noiseOf(e.run),
  }));
  return <RunLabelsNotes runs={runs} />;
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
