/**
 * Checkpoints of the worker's runs as the pickers show them: pure helpers over `RunInfo`, so the
 * choice lists and labels can be unit-tested without a worker.
 */
import type { OptimizerId, RunInfo, TrainConfig, WeightsChoice, WeightsRef } from './api';
import { sameModel } from './model-zoo';

/** A WeightsChoice as a <select> value: 'final', 'averaged', 'initial' or 'epoch:3'. */
export function encodeChoice(choice: WeightsChoice): string {
  return typeof choice === 'string' ? choice : `epoch:${choice.epoch}`;
}

export function decodeChoice(value: string): WeightsChoice | null {
  if (value === 'final' || value === 'averaged' || value === 'initial') return value;
  const match = /^epoch:(\d+)$/.exec(value);
  return match ? { epoch: Number(match[1]) } : null;
}

export function choiceLabel(choice: WeightsChoice): string {
  if (choice === 'final') return 'final';
  if (choice === 'averaged') return 'averaged';
  if (choice === 'initial') return 'initial';
  return `epoch ${choice.epoch}`;
}

/**
 * The checkpoints a run keeps: initial, the end of each epoch, the final weights and, for
 * SWA/WASAM, the average. `checkpoints` counts the initial one plus one per epoch; an imported
 * model has none (no training history): only its final weights.
 */
export function choicesFor(run: RunInfo): WeightsChoice[] {
  const out: WeightsChoice[] = run.checkpoints > 0 ? ['initial'] : [];
  for (let e = 1; e < run.checkpoints; e++) out.push({ epoch: e });
  out.push('final');
  if (run.hasAverage) out.push('averaged');
  return out;
}

export function sameChoice(a: WeightsChoice, b: WeightsChoice): boolean {
  return encodeChoice(a) === encodeChoice(b);
}

/** "SAM, final", or the bare run id when the run is no longer listed. */
export function weightsLabel(runs: readonly RunInfo[], ref: WeightsRef): string {
  const run = runs.find((r) => r.id === ref.runId);
  return `${run?.name ?? ref.runId}, ${choiceLabel(ref.which)}`;
}

/** A reference that still points at an existing run and checkpoint. */
export function isValidRef(runs: readonly RunInfo[], ref: WeightsRef | null | undefined): boolean {
  if (!ref) return false;
  const run = runs.find((r) => r.id === ref.runId);
  return !!run && choicesFor(run).some((c) => sameChoice(c, ref.which));
}

/** The newest run of an optimizer, optionally restricted to runs comparable with `like`. */
export function latestOf(
  runs: readonly RunInfo[],
  optimizer: OptimizerId,
  like?: RunInfo,
): RunInfo | null {
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    // An imported model (no checkpoints) trained with no optimizer of ours: its config's is a placeholder.
    if (run.config.optimizer !== optimizer || run.checkpoints === 0) continue;
    if (!like || sameSettings(run.config, like.config)) return run;
  }
  return null;
}

/**
 * Two runs trained alike apart from the optimizer (and its flat-minima settings): the runs of one
 * "compare" click. Only their optimizers differ, so their measures can be compared fairly.
 */
export function sameSettings(a: TrainConfig, b: TrainConfig): boolean {
  const keys: (keyof TrainConfig)[] = [
    'dataset',
    'subset',
    'model',
    'lr',
    'momentum',
    'weightDecay',
    'batchSize',
    'epochs',
    'seed',
    'evalSamples',
  ];
  return keys.every((k) => a[k] === b[k]) && sameModel(a, b);
}

/** Runs whose weights can be mixed with `run`'s: same model on the same dataset (imported: the same data). */
export function compatible(a: RunInfo, b: RunInfo): boolean {
  const sameData =
    a.config.dataset === b.config.dataset && a.config.imported?.id === b.config.imported?.id;
  return sameModel(a.config, b.config) && sameData;
}
