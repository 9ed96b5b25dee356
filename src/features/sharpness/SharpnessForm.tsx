import { useState } from 'react';
import { useServices } from '../../app/services';
import { LIMITS, type NumberSpec } from '../../store/limits';
import { flatlandStore, useFlatland } from '../../store';
import type { AnalysisJob, SharpnessSettings } from '../../store/analysis-slice';
import type { SharpnessStage } from '../../domain/api';
import { analysisBlocker } from '../../app/analysis-status';
import { CheckInput, NumberInput, SelectInput, useInvalidFields } from '../directions/Fields';
import { JobButtons, JobProgress } from '../directions/JobControls';
import { LabelsField } from '../labels/LabelsNote';
import { MeasureFields } from './MeasureFields';
import { ALL_MEASURES } from './measures';
import { runSharpness } from './sharpness-job';
import { sharpnessOverall, STAGE_NAMES, sharpnessTargets } from './sharpness-table';
import styles from '../directions/analysis.module.css';

type NumberKey = Exclude<keyof SharpnessSettings, 'labels'>;

/** From the settings schema (src/schema/ranges.ts says why each range is what it is). */
const SPECS: Record<NumberKey, NumberSpec> = {
  // A fixed sample like the metrics' and the landscape's, with the same bounds.
  samples: LIMITS.evalSamples,
  rho: LIMITS.sharpnessRho,
  adaptiveRho: LIMITS.adaptiveRho,
  seed: LIMITS.seed,
  powerIterations: LIMITS.powerIterations,
};

const LABELS: Record<NumberKey, string> = {
  samples: 'Samples',
  rho: 'ρ',
  adaptiveRho: 'Adaptive ρ',
  // Not plain "Seed": the training settings have one, and labels must stay unique on the page.
  seed: 'Sharpness seed',
  powerIterations: 'Power iterations',
};

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
      <SelectInput
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
  const { anyInvalid, mark } = useInvalidFields();
  const [stages, setStages] = useState<readonly SharpnessStage[]>(ALL_MEASURES);
  const fields = Object.keys(SPECS) as NumberKey[];
  const commit = (field: NumberKey) => (v: number | null) => {
    mark(field, v === null);
    if (v !== null) flatlandStore.getState().setSharpnessSettings({ [field]: v });
  };
  return (
    <>
      <TargetFields />
      <div className={styles.fields}>
        {fields.map((f) => (
          <NumberInput
            key={f}
            label={LABELS[f]}
            value={settings[f]}
            spec={SPECS[f]}
            onCommit={commit(f)}
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
