/** A saved run (IndexedDB or a file) as the worker takes it back. */
import type { RunImport } from '../domain/api';
import type { FullRun } from './types';

/**
 * A saved run as the worker takes it; one saved mid-training ends at its last checkpoint.
 * `id`: the run's own id when it is restored (so links and saved results still name it),
 * undefined for an imported file (the worker gives it a fresh one).
 */
export function toImport(run: FullRun, id: string | undefined): RunImport {
  const { weights } = run;
  const final = weights.final ?? weights.checkpoints.at(-1) ?? null;
  return {
    ...(id !== undefined && { id }),
    name: run.info.name,
    config: run.info.config,
    summary: run.live ? { ...run.info.summary, status: 'stopped' } : run.info.summary,
    events: run.events,
    weights: { ...weights, final },
  };
}
