/** The worker's mutable state and the small rules every RPC method shares. */
import type { Dataset } from '../data/load';
import type { DatasetId, LandscapeConfig, LandscapeParts, WeightsRef } from '../domain/api';
import type { EvalSets } from './eval-sets';
import { LandscapeSession } from './landscape';
import type { RunControl } from './run-control';
import type { LiveRun } from './run-import';
import type { RunStore } from './runs';
import type { TrajectoryTracker } from './trajectories';

/** Mutable state of the worker: loaded datasets, runs, the running job and the explored weights. */
export interface WorkerState {
  datasets: Map<DatasetId, Dataset>;
  runs: RunStore;
  sets: EvalSets;
  control: RunControl | null;
  session: LandscapeSession | null;
  /** The run whose weights the session explores. */
  sessionRunId: string | null;
  loadDataset: (id: DatasetId) => Promise<Dataset>;
  landscapeConfig: LandscapeConfig | null;
  /**
   * The pending `restoreLandscape`, until it settles: probes are not queued, so they wait for it
   * here rather than fail for want of directions it is about to build.
   */
  restoring: Promise<void> | null;
  /**
   * How many probes each slider (1D line, 2D plane) has asked for: a probe whose number is no
   * longer the latest gives up at its next checkpoint.
   */
  probeSeq: { line: number; plane: number };
  /** Set by `cancel()`; polled by the running landscape/interpolation/sharpness job. */
  cancelled: boolean;
  /** Set when the GPU device is lost; later calls fail with it until training recovers. */
  deviceLost: string | null;
  /** The run being trained, recorded for saving while it progresses. */
  live: LiveRun | null;
  /** The last comparison's trajectories. */
  trajectory: TrajectoryTracker | null;
  /** Settles when the last queued job that reads runs or the explored weights has. */
  queue: Promise<void>;
}

/**
 * Runs jobs that read runs or the explored weights one at a time (landscapes, θ(α), sharpness,
 * exports, and what frees weights: selecting, deleting), so none frees tensors another still reads.
 */
export function exclusive<T>(s: WorkerState, work: () => Promise<T> | T): Promise<T> {
  const run = s.queue.then(work);
  s.queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** Starts a cancellable job: clears an earlier cancel and returns the poll function. */
export function job(s: WorkerState): () => boolean {
  s.cancelled = false;
  return () => s.cancelled;
}

export async function getDataset(s: WorkerState, id: DatasetId): Promise<Dataset> {
  let ds = s.datasets.get(id);
  if (!ds) {
    ds = await s.loadDataset(id);
    s.datasets.set(id, ds);
  }
  return ds;
}

export function requireSession(s: WorkerState): LandscapeSession {
  if (s.deviceLost) throw new Error(s.deviceLost);
  if (!s.session) throw new Error('Train a model first: there are no weights to explore.');
  return s.session;
}

/** Makes `ref` the explored weights (a fresh landscape session on them). */
export function select(s: WorkerState, ref: WeightsRef): void {
  s.runs.weights(ref); // fails early on a bad reference
  s.session?.dispose();
  s.session = new LandscapeSession(s.runs, ref, s.sets);
  s.sessionRunId = ref.runId;
}

/**
 * Explores `ref` with a saved landscape's directions built again (no point evaluated), queued
 * like `select`; recorded in `s.restoring` until it settles.
 */
export function restoreLandscape(
  s: WorkerState,
  ref: WeightsRef,
  config: LandscapeConfig,
  parts: LandscapeParts,
): Promise<void> {
  const restoring = exclusive(s, async () => {
    select(s, ref);
    s.landscapeConfig = config;
    await requireSession(s).rebuildDirections(config, parts);
  });
  s.restoring = restoring;
  // A later restore owns the field: only the newest one clears it.
  const settled = () => {
    if (s.restoring === restoring) s.restoring = null;
  };
  restoring.then(settled, settled);
  return restoring;
}

/**
 * Runs a probe once a pending restore has settled, either way (at once when none is pending): its
 * failure is reported by whoever asked for the restore, and the probe then says what it lacks.
 */
export function afterRestore<T>(s: WorkerState, probe: () => Promise<T>): Promise<T> {
  const pending = s.restoring;
  return pending ? pending.then(probe, probe) : probe();
}

export function deleteRun(s: WorkerState, runId: string): void {
  if (s.sessionRunId === runId) {
    s.session?.dispose();
    s.session = null;
    s.sessionRunId = null;
  }
  s.runs.delete(runId);
}
