/** When the analysis tools may start a job, and how their failures read. Pure. */
import { errorMessage } from '../domain/format';
import { isCancelledError } from '../domain/cancel';
import { labelsNote, noiseOf } from '../domain/labels';
import type { FlatlandState as State } from '../store';
import { isRunActive } from '../store/run-slice';

/** True while the worker computes the slice or grid (after training, or a recompute). */
export function landscapeRunning(s: State): boolean {
  return s.landscape.status === 'slice' || s.landscape.status === 'grid';
}

/**
 * Why no analysis job may start now, or null. One job at a time: the worker would interleave two,
 * each twice as slow, and one Cancel stops every landscape, θ(α) and sharpness job at once.
 */
export function analysisBlocker(s: State): string | null {
  if (isRunActive(s.run.status)) return 'Available once training has finished.';
  if (s.analysis.job) return 'Another analysis is running.';
  if (landscapeRunning(s)) return 'Available once the landscape is computed.';
  if (s.runs.length === 0 && !s.summary) return 'Train a model first.';
  return null;
}

/** A job stopped by `cancel()`: the worker's CancelledError keeps its name through Comlink. */
export function isCancelled(error: unknown): boolean {
  return isCancelledError(error);
}

/** "Cancelled." for a cancelled job, else the failure with what failed. */
export function jobError(what: string, error: unknown): string {
  return isCancelled(error) ? `${what} cancelled.` : `${what} failed: ${errorMessage(error)}`;
}

/** Which labels the landscape on screen (slice and grid) was computed with, when that needs saying. */
export function landscapeLabelsNote(s: State): string | null {
  if (s.landscape.slice === null && s.landscape.grid === null) return null;
  const run = s.runs.find((r) => r.id === s.explored?.runId);
  return labelsNote(s.landscape.config?.labels, noiseOf(run));
}
