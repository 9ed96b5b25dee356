import { useServices } from '../../app/services';
import { analysisBlocker } from '../../app/analysis-status';
import { JobButtons, JobProgress } from '../../app/JobControls';
import { NumberField } from '../../components/fields/NumberField';
import { SelectField } from '../../components/fields/SelectField';
import { useInvalidFields } from '../../components/fields/useInvalidFields';
import { WeightsPicker } from '../../components/fields/WeightsPicker';
import { CURVE_NAMES, type CurveKind } from '../../domain/api-connect';
import type { NumberSpec } from '../../domain/number-spec';
import { numberInput } from '../../schema';
import { flatlandStore, useFlatland } from '../../store';
import { connectProblem, runConnect, type ConnectDraft, type ConnectOutcome } from './connect-job';
import styles from '../../components/shared.module.css';

type NumberKey = 'epochs' | 'batchSize' | 'lr' | 'momentum' | 'points' | 'gridPoints';

const int = (min: number, max: number): NumberSpec => ({ min, max, integer: true, step: 1 });

/** Label, range and (i) text of each number of the form. */
const FIELDS: Record<NumberKey, { label: string; spec: NumberSpec; help: string }> = {
  epochs: { label: 'Curve epochs', spec: int(1, 200), help: "Passes over A's training subset." },
  batchSize: { label: 'Curve batch size', spec: int(1, 512), help: 'Images per step.' },
  lr: {
    label: 'Curve learning rate',
    spec: { min: 1e-4, max: 1, integer: false, step: 0.01, stepBase: 0 },
    help: 'Initial lr of Garipov et al.’s schedule: constant for half the steps, then linearly down to 1% by 90%.',
  },
  momentum: {
    label: 'Curve momentum',
    spec: { min: 0, max: 0.99, integer: false, step: 0.1 },
    help: 'SGD momentum (Garipov et al.: 0.9).',
  },
  points: { label: 'Points along t', spec: int(3, 101), help: 'Values of t on [0, 1].' },
  gridPoints: { label: 'Plane grid', spec: int(3, 41), help: 'Points per side of the plane.' },
};

const KINDS: { value: CurveKind; label: string }[] = (['bezier', 'polychain'] as const).map(
  (k) => ({ value: k, label: CURVE_NAMES[k] }),
);

interface ConnectFormProps {
  draft: ConnectDraft;
  onDraft: (patch: Partial<ConnectDraft>) => void;
  onDone: (r: { outcome: ConnectOutcome } | { error: string } | null) => void;
}

/** A and B, the curve and its training, and Connect / Cancel. */
export function ConnectForm({ draft, onDraft, onDone }: ConnectFormProps) {
  const { engine } = useServices();
  const runs = useFlatland((s) => s.runs);
  const blocker = useFlatland(analysisBlocker);
  const { anyInvalid, watch } = useInvalidFields();
  const number = (key: NumberKey) => (
    <NumberField
      key={key}
      {...FIELDS[key]}
      {...numberInput(FIELDS[key].spec)}
      value={draft[key]}
      onCommit={(v) => onDraft({ [key]: v })}
      onError={watch(key)}
    />
  );
  const problem = anyInvalid ? 'Fix the highlighted values first.' : connectProblem(draft, runs);
  const start = () => void runConnect({ engine, store: flatlandStore }, draft).then(onDone);
  return (
    <>
      <div className={styles.fields}>
        <WeightsPicker name="A" runs={runs} value={draft.a} onChange={(a) => onDraft({ a })} />
        <WeightsPicker name="B" runs={runs} value={draft.b} onChange={(b) => onDraft({ b })} />
        <SelectField
          label="Curve"
          value={draft.kind}
          options={KINDS}
          onChange={(kind) => onDraft({ kind })}
        />
        {(Object.keys(FIELDS) as NumberKey[]).map(number)}
      </div>
      <JobButtons kind="connect" label="Connect" blocker={blocker ?? problem} onStart={start} />
      <JobProgress
        kind="connect"
        label="Connecting progress"
        describe={(job) => (job.cancelling ? 'Cancelling…' : 'Training the bend, then evaluating…')}
      />
    </>
  );
}
