import { useEffect, useMemo, useState } from 'react';
import { createCoalescer } from '../../app/coalesce';
import { useServices } from '../../app/services';
import { errorMessage } from '../../domain/format';
import type { WeightsRef } from '../../domain/api';
import { isToyDataset, type DecisionBoundary } from '../../domain/toy-data';
import { useFlatland, type FlatlandState } from '../../store';

/** Grid points per axis: 60 × 60 forward passes of a small MLP take milliseconds. */
export const BOUNDARY_GRID = 60;

/** True when the explored weights were trained on toy 2-D data. */
export function exploresToyData(s: FlatlandState): boolean {
  const runId = s.explored?.runId;
  const run = runId ? s.runs.find((r) => r.id === runId) : undefined;
  return !!run && isToyDataset(run.config.dataset);
}

interface BoundaryState {
  value: DecisionBoundary | null;
  error: string | null;
  /** True until the value for the slider's position has arrived. */
  pending: boolean;
}

/** A result or failure, with the weights it was asked for. */
interface Answer {
  ref: WeightsRef | null;
  value: DecisionBoundary | null;
  error: string | null;
}

/**
 * The decision boundary of the explored weights at the perturbation slider's t (t = 0 until
 * there is a slice to move along). Requests are coalesced as the probe's are: while the worker
 * computes one, only the newest position waits; an answer for other weights is never shown.
 */
export function useDecisionBoundary(): BoundaryState & { toy: boolean } {
  const { engine } = useServices();
  const toy = useFlatland(exploresToyData);
  const explored = useFlatland((s) => s.explored);
  const slice = useFlatland((s) => s.landscape.slice);
  const t = useFlatland((s) => (s.landscape.slice ? s.probe.t : 0));
  const [answer, setAnswer] = useState<Answer>({ ref: null, value: null, error: null });
  const coalescer = useMemo(
    () =>
      createCoalescer(
        async ({ t: at }: { t: number; ref: WeightsRef | null }) =>
          engine.decisionBoundary(at, BOUNDARY_GRID),
        {
          onResult: (value, { ref }) => setAnswer({ ref, value, error: null }),
          onError: (error, { ref }) =>
            setAnswer((a) => ({
              ref,
              value: a.ref === ref ? a.value : null,
              error: errorMessage(error),
            })),
        },
      ),
    [engine],
  );
  // Other weights: what is queued or in flight for the old ones is dropped.
  useEffect(() => () => coalescer.cancel(), [explored, coalescer]);
  useEffect(() => {
    if (toy) coalescer.request({ t, ref: explored });
  }, [toy, explored, slice, t, coalescer]);
  const mine = answer.ref === explored;
  const value = mine ? answer.value : null;
  const error = mine ? answer.error : null;
  return { toy, value, error, pending: !error && (value === null || value.t !== t) };
}
