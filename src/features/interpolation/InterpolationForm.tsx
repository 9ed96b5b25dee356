import { useServices } from '../../app/services';
import { alphaRangeProblem } from '../../schema';
import { flatlandStore, useFlatland } from '../../store';
import type { InterpolationDraft } from '../../store/analysis-slice';
import { analysisBlocker } from '../../app/analysis-status';
import { NumberInput, useInvalidFields } from '../directions/Fields';
import { JobButtons, JobProgress } from '../directions/JobControls';
import { WeightsPicker } from '../directions/WeightsPicker';
import { ALPHA_SPEC, draftProblem, PAIRS, pairRefs, POINTS_SPEC } from './interpolation-config';
import { runInterpolation } from './interpolation-job';
import styles from '../directions/analysis.module.css';

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
            title={refs ? undefined : 'Needs runs of these optimizers: use Compare'}
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
  const { anyInvalid, mark } = useInvalidFields();
  const number = (field: 'from' | 'to' | 'points') => (v: number | null) => {
    mark(field, v === null);
    if (v !== null) setDraft({ [field]: v });
  };
  const problem = anyInvalid ? 'Fix the highlighted values first.' : draftProblem(draft, runs);
  return (
    <>
      <div className={styles.fields}>
        <WeightsPicker name="A" runs={runs} value={draft.a} onChange={(a) => setDraft({ a })} />
        <WeightsPicker name="B" runs={runs} value={draft.b} onChange={(b) => setDraft({ b })} />
        <NumberInput
          label="α from"
          value={draft.from}
          spec={ALPHA_SPEC}
          onCommit={number('from')}
        />
        <NumberInput
          label="α to"
          value={draft.to}
          spec={ALPHA_SPEC}
          problem={alphaRangeProblem(draft.from, draft.to)}
          onCommit={number('to')}
        />
        <NumberInput
          label="Points"
          value={draft.points}
          spec={POINTS_SPEC}
          onCommit={number('points')}
        />
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
