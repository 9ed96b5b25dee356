import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CheckInput } from '../../components/fields/CheckboxField';
import { Panel } from '../../components/Panel';
import { PlotFigure } from '../../components/plot/PlotFigure';
import { formatMeasure } from '../../domain/format';
import { ConnectForm } from './ConnectForm';
import { pathLayout, pathTraces, planeLayout, planeTraces } from './connect-figure';
import { DEFAULT_CONNECT, type ConnectDraft, type ConnectOutcome } from './connect-job';
import styles from '../../components/shared.module.css';

/** Barriers (max over t of loss minus the chord between the ends) of both paths. */
function Barriers({ outcome }: { outcome: ConnectOutcome }) {
  const { lineBarrier: line, curveBarrier: curve } = outcome.result;
  return (
    <p className={styles.readout} aria-label="Barriers">
      From A ({outcome.labelA}) to B ({outcome.labelB}). Barrier, train loss: line{' '}
      <output>{formatMeasure(line.train)}</output>, curve{' '}
      <output>{formatMeasure(curve.train)}</output>; test loss: line{' '}
      <output>{formatMeasure(line.test)}</output>, curve{' '}
      <output>{formatMeasure(curve.test)}</output>.
    </p>
  );
}

function Figures({ outcome, log }: { outcome: ConnectOutcome; log: boolean }) {
  const { result } = outcome;
  const paths = useMemo(() => pathTraces(result), [result]);
  const pathFig = useMemo(() => pathLayout(log), [log]);
  const plane = useMemo(
    () => (result.plane ? planeTraces(result.plane, result.kind) : null),
    [result],
  );
  const planeFig = useMemo(() => planeLayout(), []);
  return (
    <>
      <Barriers outcome={outcome} />
      <div className={styles.plot}>
        <PlotFigure data={paths} layout={pathFig} label="Loss along the line and the curve" />
      </div>
      {plane && (
        <div className={styles.plot}>
          <PlotFigure data={plane} layout={planeFig} label="The plane through w₁, θ and w₂" />
        </div>
      )}
    </>
  );
}

const EXPLANATION = (
  <>
    Garipov et al. (2018) and Draxler et al. (2018): two independently trained solutions, w₁ and w₂,
    usually have a loss barrier on the straight line between them, yet a simple curve joins them
    along which train and test loss stay nearly constant: the minima are connected. Here the curve
    has one bend θ, a quadratic Bézier curve φ(t) = (1 − t)²·w₁ + 2t(1 − t)·θ + t²·w₂ or the
    polygonal chain w₁ → θ → w₂. θ starts at the midpoint (the curve is then the line) and is
    trained by SGD with momentum on the loss at φ(t), one t ~ U(0, 1) per step, on A&apos;s training
    subset with A&apos;s own labels (label noise included); the ends never move. Losses are
    evaluated on A&apos;s fixed samples with BatchNorm statistics recomputed at every point. The
    plane is spanned by w₂ − w₁ and the part of θ − w₁ orthogonal to it (Garipov et al.&apos;s
    plane.py). Unlike their code, no weight decay is used and the lr schedule runs per step.
  </>
);

/** Mode connectivity: train a curve between two runs; loss along line and curve; their plane. */
export function ModeConnectivityPanel() {
  const [draft, setDraft] = useState<ConnectDraft>(DEFAULT_CONNECT);
  const [outcome, setOutcome] = useState<ConnectOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [log, setLog] = useState(false);
  return (
    <Panel
      title="Mode connectivity"
      actions={<CheckInput label="Log scale" checked={log} onChange={setLog} />}
      explanation={EXPLANATION}
    >
      <ConnectForm
        draft={draft}
        onDraft={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        onDone={(r) => {
          if (!r) return;
          if ('error' in r) setError(r.error);
          else {
            setError(null);
            setOutcome(r.outcome);
          }
        }}
      />
      <ErrorAlert error={error} />
      {outcome ? <Figures outcome={outcome} log={log} /> : <div className={styles.placeholder} />}
    </Panel>
  );
}
