import { useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { PlotFigure } from '../../components/plot/PlotFigure';
import shared from '../../components/shared.module.css';
import { boundaryLayout, boundarySummary, boundaryTraces } from './boundary-figure';
import { useDecisionBoundary } from './use-boundary';
import styles from './boundary.module.css';

/**
 * The explored model's prediction over the input plane of a toy 2-D dataset, with the points it
 * trained on; it follows the 1D slice's perturbation slider (w + t·d).
 */
export function DecisionBoundaryPanel() {
  const { toy, value, error, pending } = useDecisionBoundary();
  const data = useMemo(() => (value ? boundaryTraces(value) : []), [value]);
  const layout = useMemo(() => boundaryLayout(), []);
  if (!toy) return null;
  return (
    <Panel
      title="Decision boundary"
      explanation={
        <>
          The class the model predicts at each point of the input plane, shaded by its softmax
          probability (pale: a toss-up), at the weights w + t·d of the 1D slice’s perturbation
          slider, with the training points (their labels as trained on) on top. Move the slider: how
          much of the plane changes class under a push along d shows how sensitive the learned
          function is around these weights; compare runs to see a sharp and a flat minimum side by
          side.
        </>
      }
    >
      {error && <ErrorAlert error={error} />}
      {!value && !error && <p className={shared.hint}>Computing the decision boundary…</p>}
      {value && (
        <>
          <PlotFigure
            label="Decision boundary"
            className={styles.plot}
            data={data}
            layout={layout}
          />
          <p className={shared.hint} role="status" aria-busy={pending}>
            {boundarySummary(value)}
          </p>
        </>
      )}
    </Panel>
  );
}
