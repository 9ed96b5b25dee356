/**
 * Keeps the Trajectories plot in step with a comparison: after every epoch of its runs it asks
 * the worker for the paths on the fixed random plane, and once the comparison has finished for
 * the PCA plane of all of them. Results of an older session are dropped.
 */
import { createStore } from 'zustand/vanilla';
import { errorMessage } from '../../domain/format';
import type { ExploreClient } from '../../app/worker-client';
import type { FlatlandStore } from '../../store';
import type { TrajectoryResult } from '../../domain/api';

export interface TrajectoryState {
  /** The run session (store `run.id`) the result belongs to. */
  session: number;
  result: TrajectoryResult | null;
  error: string | null;
}

export function createTrajectoryStore() {
  return createStore<TrajectoryState>()(() => ({ session: 0, result: null, error: null }));
}

export type TrajectoryStore = ReturnType<typeof createTrajectoryStore>;

export const trajectoryStore = createTrajectoryStore();

type Engine = Pick<ExploreClient, 'trajectories' | 'trajectoryPca'>;

/** Subscribes to the app store; returns the unsubscribe function. */
export function syncTrajectories(
  store: FlatlandStore,
  engine: Engine,
  local: TrajectoryStore,
): () => void {
  const accept = (session: number, result: TrajectoryResult | null) => {
    const now = local.getState();
    // A late random-plane answer must not replace the final PCA plane.
    if (now.session !== session || !result) return;
    if (now.result?.plane === 'pca' && result.plane === 'random') return;
    local.setState({ result, error: null });
  };
  const fail = (session: number, error: unknown) => {
    if (local.getState().session === session) local.setState({ error: errorMessage(error) });
  };
  return store.subscribe((s, prev) => {
    const session = s.run.id;
    if (session !== prev.run.id) local.setState({ session, result: null, error: null });
    if (s.compare && s.lastEpoch && s.lastEpoch !== prev.lastEpoch) {
      engine.trajectories().then(
        (r) => accept(session, r),
        (e: unknown) => fail(session, e),
      );
    }
    const ended = s.run.status === 'finished' && prev.run.status !== 'finished';
    if (ended && local.getState().result?.plane === 'random') {
      engine.trajectoryPca().then(
        (r) => accept(session, r),
        (e: unknown) => fail(session, `The PCA plane failed: ${errorMessage(e)}`),
      );
    }
  });
}
