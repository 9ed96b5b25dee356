import { useEffect } from 'react';
import { useServices } from '../../app/services';
import { flatlandStore, isRunActive } from '../../store';
import { currentDirections } from './direction-options';

/**
 * Keeps the analysis state in step with training and exploring, without hooks in the run
 * controller:
 * - a new Train or Compare snapshots the landscape settings on click, and exploring another run
 *   reads them when it starts: the slice axis follows the directions set at those moments;
 * - either one also cancels a running analysis job, which the worker would otherwise interleave
 *   with training or with the new weights' landscape.
 */
export function useAnalysisLifecycle(): void {
  const { engine } = useServices();
  useEffect(
    () =>
      flatlandStore.subscribe((s, prev) => {
        const newRun = s.run.id !== prev.run.id;
        // After training the controller marks the new run explored: not a new explore.
        const explore = s.explored !== prev.explored && !isRunActive(s.run.status);
        if (!newRun && !explore) return;
        s.setSliceKind(currentDirections(s.landscapeConfig).kind1);
        if (s.analysis.job && !s.analysis.job.cancelling) {
          s.markAnalysisCancelling();
          void engine.cancel().catch(() => undefined);
        }
      }),
    [engine],
  );
}
