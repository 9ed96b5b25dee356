import { formatCosine, formatProgress } from '../../domain/format';
import { useServices } from '../../app/services';
import { Panel } from '../../components/Panel';
import { flatlandStore, useFlatland, type FlatlandState } from '../../store';
import { analysisBlocker, landscapeRunning } from '../../app/analysis-status';
import { currentDirections, directionProblem } from './direction-options';
import { DirectionChecks, DirectionKindFields, DirectionTargets } from './DirectionFields';
import { useCancelJob } from '../../app/JobControls';
import { recomputeLandscape } from './landscape-job';
import { useAnalysisLifecycle } from './useAnalysisLifecycle';
import styles from '../../components/shared.module.css';
import { ErrorAlert } from '../../components/ErrorAlert';

/** What the landscape is doing, in one line. */
function landscapeText(s: Pick<FlatlandState, 'landscape'>): string | null {
  const { status, sliceProgress, gridProgress } = s.landscape;
  if (status === 'slice')
    return `Computing the slice… ${formatProgress(sliceProgress ?? { done: 0, total: 0 })}`;
  if (status === 'grid')
    return `Computing the grid… ${formatProgress(gridProgress ?? { done: 0, total: 0 })}`;
  return null;
}

function RecomputeBar() {
  const { engine } = useServices();
  const blocker = useFlatland(analysisBlocker);
  const running = useFlatland(landscapeRunning);
  const cancelling = useFlatland((s) => s.analysis.job?.cancelling ?? false);
  const text = useFlatland(landscapeText);
  const problem = useFlatland((s) =>
    directionProblem(currentDirections(s.landscapeConfig), s.runs),
  );
  // Cancels the landscape after training as well as a recompute: the worker has one cancel.
  const cancel = useCancelJob();
  const hint = problem ?? (running ? text : blocker);
  return (
    <div className={styles.row}>
      <button
        type="button"
        className={styles.primary}
        disabled={blocker !== null || problem !== null}
        onClick={() => void recomputeLandscape({ engine, store: flatlandStore })}
      >
        Recompute landscape
      </button>
      <button type="button" className={styles.secondary} disabled={!running} onClick={cancel}>
        {cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
      {hint && (
        <span className={styles.hint} role="status">
          {hint}
        </span>
      )}
    </div>
  );
}

/** cos(d₁, d₂) of the plane on screen, and why the last computation stopped. */
function DirectionReadout() {
  const axes = useFlatland((s) => s.landscape.grid?.axes);
  const error = useFlatland((s) => (s.landscape.status === 'error' ? s.landscape.error : null));
  return (
    <>
      {axes && (
        <p className={styles.readout}>
          cos(d₁, d₂) ={' '}
          <output aria-label="Cosine of d1 and d2">{formatCosine(axes.cosine)}</output>
          {axes.explained &&
            ` · PC1 and PC2 explain ${(100 * (axes.explained[0] + axes.explained[1])).toFixed(1)}% of the trajectory's variance`}
        </p>
      )}
      <ErrorAlert error={error} />
    </>
  );
}

/** How the slice and the plane are cut through weight space, and a recompute with the choice. */
export function DirectionsPanel() {
  useAnalysisLifecycle();
  return (
    <Panel
      title="Directions"
      explanation={
        <>
          Random directions are rescaled to the norms of the weights’ filters (Li et al. 2018) so
          that plots of different networks compare. PCA uses the run’s own trajectory and draws it
          on the plane. Sharing directions with a run shares its random draw: each run rescales that
          same draw to its own filters, so runs are cut along one direction at their own scale.
          Weights off the trained ones have no BatchNorm statistics of their own: recompute them at
          each point, especially for averaged weights. Losses use the labels the run trained on
          (label noise included) unless you choose the clean ones.
        </>
      }
    >
      <DirectionKindFields />
      <DirectionChecks />
      <DirectionTargets />
      <RecomputeBar />
      <DirectionReadout />
    </Panel>
  );
}
