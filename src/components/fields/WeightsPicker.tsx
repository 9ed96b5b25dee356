import type { RunInfo, WeightsRef } from '../../domain/api';
import { solutionChoice } from '../../domain/solution';
import { SelectField } from './SelectField';
import {
  choiceLabel,
  choicesFor,
  decodeChoice,
  encodeChoice,
  sameChoice,
} from '../../domain/weights';

interface WeightsPickerProps {
  /** Prefix of the two labels, e.g. "A" gives "A run" and "A weights". */
  name: string;
  runs: RunInfo[];
  value: WeightsRef | null | undefined;
  onChange: (ref: WeightsRef) => void;
  disabled?: boolean;
  onFocus?: () => void;
}

const NONE = { value: '', label: '—' };

/** A checkpoint of any run: the run, then initial / epoch k / final / averaged. */
export function WeightsPicker({
  name,
  runs,
  value,
  onChange,
  disabled,
  onFocus,
}: WeightsPickerProps) {
  const run = runs.find((r) => r.id === value?.runId);
  const choices = run ? choicesFor(run) : [];
  const which =
    run && value && choices.some((c) => sameChoice(c, value.which)) ? value.which : null;
  const pickRun = (id: string) => {
    const next = runs.find((r) => r.id === id);
    if (!next) return;
    // Keep the checkpoint kind when the new run has it (e.g. "final" → "final").
    const keep = which && choicesFor(next).some((c) => sameChoice(c, which));
    onChange({ runId: id, which: keep ? which : solutionChoice(next) });
  };
  const pickChoice = (encoded: string) => {
    const choice = decodeChoice(encoded);
    if (run && choice) onChange({ runId: run.id, which: choice });
  };
  return (
    <>
      <SelectField
        label={`${name} run`}
        value={run?.id ?? ''}
        options={[...(run ? [] : [NONE]), ...runs.map((r) => ({ value: r.id, label: r.name }))]}
        onChange={pickRun}
        onFocus={onFocus}
        disabled={disabled || runs.length === 0}
      />
      <SelectField
        label={`${name} weights`}
        value={which ? encodeChoice(which) : ''}
        options={[
          ...(which ? [] : [NONE]),
          ...choices.map((c) => ({ value: encodeChoice(c), label: choiceLabel(c) })),
        ]}
        onChange={pickChoice}
        disabled={disabled || !run}
      />
    </>
  );
}
