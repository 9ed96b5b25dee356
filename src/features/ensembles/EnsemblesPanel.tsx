import { useMemo, useState } from 'react';
import { useServices } from '../../app/services';
import { JobButtons, JobProgress } from '../../app/JobControls';
import { analysisBlocker } from '../../app/analysis-status';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { Table } from '../../components/Table';
import { SelectField } from '../../components/fields/SelectField';
import { PlotFigure } from '../../components/plot/PlotFigure';
import type { EnsembleResult } from '../../domain/api';
import { flatlandStore, useFlatland } from '../../store';
import styles from '../../components/shared.module.css';
import { costRows, ensembleLayout, ensembleTraces, fgeRunOptions } from './ensembles-figure';
import { runEnsembles } from './ensembles-job';

const COLUMNS = [
  { key: 'step', title: 'Step', hint: 'The step after which the snapshot was taken' },
  { key: 'fgeAcc', title: 'FGE accuracy' },
  { key: 'swaAcc', title: 'SWA accuracy' },
  { key: 'fgePasses', title: 'FGE passes', hint: 'Forward passes per test image: k models' },
  { key: 'swaPasses', title: 'SWA passes', hint: 'Forward passes per test image: one model' },
  { key: 'fgeMs', title: 'FGE time', hint: 'Measured: predicting every test sample' },
  { key: 'swaMs', title: 'SWA time', hint: 'Measured: predicting every test sample' },
] as const;

function CostTable({ result }: { result: EnsembleResult }) {
  const rows = costRows(result);
  return (
    <div className={styles.tableWrap}>
      <Table
        caption={`Cost of a prediction, on ${result.samples} test samples (${result.backend})`}
        corner="k"
        columns={COLUMNS}
      >
        {rows.map((r) => (
          <tr key={r.k}>
            <th scope="row">{r.k}</th>
            {COLUMNS.map((c) => (
              <td key={c.key}>{r[c.key]}</td>
            ))}
          </tr>
        ))}
      </Table>
    </div>
  );
}

const EXPLANATION = (
  <>
    Fast Geometric Ensembling (Garipov et al. 2018) keeps a snapshot at each midpoint of its
    cyclical learning rate and predicts with the mean of the snapshots&apos; softmax probabilities:
    k forward passes per image. SWA (Izmailov et al. 2018) averages the same snapshots&apos; weights
    into one model (BatchNorm recomputed): one forward pass. Both on the run&apos;s own test
    samples, k = 1…K as the snapshots accumulate.
  </>
);

function EnsembleView({ result }: { result: EnsembleResult | null }) {
  return (
    <>
      <div className={styles.plot}>
        {result ? (
          <PlotFigure
            data={ensembleTraces(result)}
            layout={ensembleLayout(result)}
            label="Test accuracy of FGE and SWA by snapshots"
          />
        ) : (
          <div className={styles.placeholder} />
        )}
      </div>
      {result && <CostTable result={result} />}
    </>
  );
}

/** FGE's ensemble against SWA's average of the same snapshots, for one FGE run. */
export function EnsemblesPanel() {
  const { engine } = useServices();
  const runs = useFlatland((s) => s.runs);
  const blocker = useFlatland(analysisBlocker);
  const options = useMemo(() => fgeRunOptions(runs), [runs]);
  const [picked, setPicked] = useState<string | null>(null);
  const [result, setResult] = useState<EnsembleResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runId = options.some((o) => o.value === picked) ? picked : (options[0]?.value ?? null);
  const start = async () => {
    const run = runs.find((r) => r.id === runId);
    if (!run) return;
    const evalSamples = run.config.evalSamples;
    const outcome = await runEnsembles({
      engine,
      store: flatlandStore,
      runId: run.id,
      evalSamples,
    });
    setError('error' in outcome ? outcome.error : null);
    if ('result' in outcome) setResult(outcome.result);
  };
  const shown = result && runs.some((r) => r.id === result.runId) ? result : null;
  return (
    <Panel title="FGE vs SWA" explanation={EXPLANATION}>
      <div className={styles.fields}>
        <SelectField
          label="FGE run"
          value={runId ?? ''}
          options={options.length ? options : [{ value: '', label: 'No FGE run yet' }]}
          onChange={(v) => setPicked(v)}
          disabled={options.length === 0}
        />
      </div>
      <JobButtons
        kind="ensembles"
        label="Compare FGE and SWA"
        blocker={blocker ?? (runId ? null : 'Train with the FGE optimizer first.')}
        onStart={() => void start()}
      />
      <JobProgress kind="ensembles" label="Ensembles" describe={() => 'Snapshots evaluated'} />
      <ErrorAlert error={error} />
      <EnsembleView result={shown} />
    </Panel>
  );
}
