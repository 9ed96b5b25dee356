import { useServices } from '../../app/services';
import { alphaRangeProblem, numberControl } from '../../schema';
import { flatlandStore, useFlatland } from '../../store';
import type { InterpolationDraft } from '../../store/analysis-slice';
import { analysisBlocker } from '../../app/analysis-status';
import { NumberField } from '../../components/fields/NumberField';
import { useInvalidFields } from '../../components/fields/useInvalidFields';
import { JobButtons, JobProgress } from '../../app/JobControls';
import { WeightsPicker } from '../../components/fields/WeightsPicker';
import { draftProblem, PAIRS, pairRefs, pairUnavailable } from './interpolation-config';
import { runInterpolation } from './interpolation-job';
import styles from '../../components/shared.module.css';

const setDraft = (patch: Partial<InterpolationDraft>) =>
  flatlandStore.getState().setInterpolationDraft(patch);

/** One click: fill A and B with a standard pair and interpolate at once. */
export function PairButtons() {
  const { engine } = useServices();
  const runs = useFlatland((s) => s.runs);
  const current = useFlatland((s) => s.explored?.runId ?? null);
  const blocker = useFlatland(analysisBlocker);
  return (
    <div className={styles.row} role="group" aria-label="One-click pairs">
      {PAIRS.map(({ id, label }) => {
        const refs = pairRefs(id, runs, current);
        const start = () => {
          if (!refs) return;
          setDraft(refs);
          void runInterpolation({ engine, store: flatlandStore });
        };
        return (
          <button
            key={id}
            type="button"
            className={styles.secondary}
            disabled={!refs || blocker !== null}
            title={refs ? undefined : pairUnavailable(id)}
            onClick={start}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}

/** A and B, the α grid, and Interpolate / Cancel. */
export function InterpolationForm() {
  const { engine } = useServices();
  const runs = useFlatland((s) => s.runs);
  const draft = useFlatland((s) => s.analysis.interpolation.draft);
  const blocker = useFlatland(analysisBlocker);
  const { anyInvalid, watch } = useInvalidFields();
  const number = (field: 'from' | 'to' | 'points', problem?: string | null) => (
    <NumberField
      {...numberControl(`interpolation.${field}`)}
      value={draft[field]}
      problem={problem}
      onCommit={(v) => setDraft({ [field]: v })}
      onError={watch(field)}
    />
  );
  const problem = anyInvalid ? 'Fix the highlighted values first.' : draftProblem(draft, runs);
  return (
    <>
      <div className={styles.fields}>
        <WeightsPicker name="A" runs={runs} value={draft.a} onChange={(a) => setDraft({ a })} />
        <WeightsPicker name="B" runs={runs} value={draft.b} onChange={(b) => setDraft({ b })} />
        {number('from')}
        {number('to', alphaRangeProblem(draft.from, draft.to))}
        {number('points')}
      </div>
      <JobButtons
        kind="interpolation"
        label="Interpolate"
        blocker={blocker ?? problem}
        onStart={() => void runInterpolation({ engine, store: flatlandStore })}
      />
      <JobProgress
        kind="interpolation"
        label="Interpolation progress"
        describe={(job) => (job.cancelling ? 'Cancelling…' : 'Evaluating θ(α)…')}
      />
    </>
  );
}
