import { useMemo, useState } from 'react';
import { Explainer } from '../../components/Explainer';
import { Panel } from '../../components/Panel';
import { PlotFigure } from '../../components/plot/PlotFigure';
import { useFlatland } from '../../store';
import { CheckInput } from '../../components/fields/CheckboxField';
import { RunLabelsNotes } from '../../components/LabelsNote';
import { noiseOf } from '../../domain/labels';
import { interpolationLayout, interpolationTraces } from './interpolation-figure';
import { InterpolationForm, PairButtons } from './InterpolationForm';
import styles from '../../components/shared.module.css';
import { ErrorAlert } from '../../components/ErrorAlert';

function InterpolationPlot({ log }: { log: boolean }) {
  const outcome = useFlatland((s) => s.analysis.interpolation.outcome);
  const data = useMemo(() => interpolationTraces(outcome), [outcome]);
  const layout = useMemo(() => interpolationLayout(outcome, log), [outcome, log]);
  if (!outcome) return <div className={styles.placeholder} />;
  return <PlotFigure data={data} layout={layout} />;
}

/** θ(α)'s train loss is on A's training sample, with its labels or the clean ones. */
function InterpolationLabels() {
  const outcome = useFlatland((s) => s.analysis.interpolation.outcome);
  const runA = useFlatland((s) => s.runs.find((r) => r.id === outcome?.config.a.runId));
  if (!outcome) return null;
  const labels = outcome.config.labels;
  return <RunLabelsNotes runs={[{ name: outcome.labelA, labels, labelNoise: noiseOf(runA) }]} />;
}

/** Loss and accuracy on the straight line between two checkpoints of any runs. */
export function InterpolationPanel() {
  const [log, setLog] = useState(false);
  const error = useFlatland((s) => s.analysis.interpolation.error);
  return (
    <Panel
      title="Interpolation"
      actions={<CheckInput label="Log scale" checked={log} onChange={setLog} />}
      explanation={
        <>
          θ(α) = (1 − α)·A + α·B (Goodfellow et al. 2015): A sits at α = 0, B at α = 1, and the
          range beyond them extrapolates. A bump between two solutions is a barrier; none means they
          lie in one connected basin. Between SGD and SWA, SWA typically lies near the centre of a
          flat region that SGD only reaches the edge of (Izmailov et al. 2018). BatchNorm statistics
          are recomputed at every α.
        </>
      }
    >
      <Explainer topic="interpolation" />
      <PairButtons />
      <InterpolationForm />
      <ErrorAlert error={error} />
      <InterpolationLabels />
      <div className={styles.plot}>
        <InterpolationPlot log={log} />
      </div>
    </Panel>
  );
}
