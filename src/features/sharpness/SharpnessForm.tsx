import { useState } from 'react';
import { useServices } from '../../app/services';
import { DEFAULT_SETTINGS, numberControl, sharpnessMProblem } from '../../schema';
import { flatlandStore, useFlatland } from '../../store';
import type { AnalysisJob, SharpnessSettings } from '../../store/analysis-slice';
import type { SharpnessStage } from '../../domain/api';
import { analysisBlocker } from '../../app/analysis-status';
import { CheckInput } from '../../components/fields/CheckboxField';
import { NumberField } from '../../components/fields/NumberField';
import { SelectField } from '../../components/fields/SelectField';
import { useInvalidFields } from '../../components/fields/useInvalidFields';
import { JobButtons, JobProgress } from '../../app/JobControls';
import { LabelsField } from '../../components/LabelsNote';
import { MeasureFields } from './MeasureFields';
import { DEFAULT_MEASURES } from './measures';
import { runSharpness } from './sharpness-job';
import { sharpnessOverall, STAGE_NAMES, sharpnessTargets } from './sharpness-table';
import styles from '../../components/shared.module.css';

type NumberKey = Exclude<keyof SharpnessSettings, 'labels'>;

/** The numbers of the form, each drawn from the schema's field table (`sharpness.<key>`). */
const NUMBER_KEYS: NumberKey[] = ['samples', 'rho', 'adaptiveRho', 'm', 'seed', 'powerIterations'];

/** "SAM (2 of 4) · 3/5 worst-case ρ-sharpness". */
function describe(job: AnalysisJob): string {
  if (job.cancelling) return 'Cancelling…';
  const run =
    job.item && job.item.count > 1
      ? `${job.item.label} (${job.item.index + 1} of ${job.item.count}) · `
      : '';
  const stage = job.stage
    ? `${job.stage.index + 1}/${job.stage.count} ${STAGE_NAMES[job.stage.name]}`
    : 'Starting…';
  return `${run}${stage}`;
}

function TargetFields() {
  const runs = useFlatland((s) => s.runs);
  const { runId, sameSettings } = useFlatland((s) => s.analysis.sharpness);
  const set = flatlandStore.getState().setSharpnessTarget;
  const chosen = runs.find((r) => r.id === runId) ?? runs.at(-1);
  const options =
    runs.length > 0
      ? runs.map((r) => ({ value: r.id, label: r.name }))
      : [{ value: '', label: '—' }];
  const count = sharpnessTargets(runs, chosen?.id ?? null, true).length;
  return (
    <div className={styles.row}>
      <SelectField
        label="Run"
        value={chosen?.id ?? ''}
        options={options}
        disabled={runs.length === 0}
        onChange={(id) => set({ runId: id })}
      />
      <CheckInput
        label={`All runs with the same settings (${count})`}
        checked={sameSettings}
        onChange={(v) => set({ sameSettings: v })}
      />
    </div>
  );
}

function formProblem(anyInvalid: boolean, stages: readonly SharpnessStage[]): string | null {
  if (anyInvalid) return 'Fix the highlighted values first.';
  return stages.length === 0 ? 'Pick at least one measure.' : null;
}

/** Which runs, the measures' settings, Compute / Cancel and per-stage progress. */
export function SharpnessForm() {
  const { engine } = useServices();
  const settings = useFlatland((s) => s.analysis.sharpness.settings);
  const blocker = useFlatland(analysisBlocker);
  const { anyInvalid, watch } = useInvalidFields();
  const [stages, setStages] = useState<readonly SharpnessStage[]>(DEFAULT_MEASURES);
  const value = (f: NumberKey) => settings[f] ?? DEFAULT_SETTINGS.sharpness[f];
  // Only the m-sharpness reads m: its sets must fit in the sample.
  const mProblem = stages.includes('mSharpness')
    ? sharpnessMProblem(value('m'), value('samples'))
    : null;
  return (
    <>
      <TargetFields />
      <div className={styles.fields}>
        {NUMBER_KEYS.map((f) => (
          <NumberField
            key={f}
            {...numberControl(`sharpness.${f}`)}
            value={value(f)}
            problem={f === 'm' ? mProblem : null}
            onCommit={(v) => flatlandStore.getState().setSharpnessSettings({ [f]: v })}
            onError={watch(f)}
          />
        ))}
        <LabelsField
          label="Sharpness labels"
          value={settings.labels ?? 'trained'}
          onChange={(labels) => flatlandStore.getState().setSharpnessSettings({ labels })}
        />
      </div>
      <MeasureFields stages={stages} onChange={setStages} />
      <JobButtons
        kind="sharpness"
        label="Compute sharpness"
        blocker={blocker ?? formProblem(anyInvalid, stages)}
        onStart={() => void runSharpness({ engine, store: flatlandStore, stages })}
      />
      <JobProgress
        kind="sharpness"
        label="Sharpness progress"
        describe={describe}
        overall={sharpnessOverall}
      />
    </>
  );
}
