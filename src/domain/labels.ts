/**
 * Which training labels a loss is measured with, in words: the run's own (label noise included,
 * the loss it minimised; the default) or the dataset's clean ones. Pure, so it is unit-tested.
 */
import type { LabelChoice, RunInfo } from './api';

/** The label noise a run trained with (0 without). */
export const noiseOf = (run: RunInfo | undefined) => run?.config.flat?.labelNoise ?? 0;

export const LABEL_OPTIONS: { value: LabelChoice; label: string }[] = [
  { value: 'trained', label: 'As trained on (label noise included)' },
  { value: 'clean', label: 'Clean labels' },
];

/**
 * The note a plot or table carries about its training labels: always when they are the clean
 * ones, and when the run trained with label noise (so the reader knows which loss it is); null
 * for a run without label noise measured on its own labels, where the two are the same.
 */
export function labelsNote(labels: LabelChoice | undefined, labelNoise: number): string | null {
  const noise = labelNoise > 0 ? `${Math.round(100 * labelNoise)}% label noise` : null;
  if (labels === 'clean')
    return noise
      ? `Train loss on clean labels, not on the noisy ones the run trained on (${noise}).`
      : 'Train loss on clean labels.';
  return noise ? `Train loss on the labels the run trained on (${noise} included).` : null;
}

/** One measured run: its name, the labels used and the label noise it trained with. */
export interface LabelledRun {
  name: string;
  labels: LabelChoice | undefined;
  labelNoise: number;
}

/** "SAM: Train loss on …" for each run whose labels need saying (see `labelsNote`), once each. */
export function runLabelsNotes(runs: readonly LabelledRun[]): string[] {
  const notes = runs.map((r) => {
    const note = labelsNote(r.labels, r.labelNoise);
    return note && `${r.name}: ${note}`;
  });
  return [...new Set(notes.filter((n): n is string => n !== null))];
}
