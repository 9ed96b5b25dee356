/**
 * θ(α) requests from the form or from a one-click pair. Pure, so the pairing rules are tested.
 */
import type { InterpolationDraft } from '../../store/analysis-slice';
import type {
  InterpolationConfig,
  LandscapeConfig,
  OptimizerId,
  RunInfo,
  WeightsRef,
} from '../../domain/api';
import { solutionChoice } from '../../domain/solution';
import { compatible, isValidRef, latestOf } from '../../domain/weights';

export type PairId = 'initial-final' | 'sgd-swa' | 'sgd-sam' | 'sam-wasam';

/** The one-click pairs: the run's own path, and the comparisons of Kaddour et al. (2022). */
export const PAIRS: { id: PairId; label: string }[] = [
  { id: 'initial-final', label: 'Initial → final' },
  { id: 'sgd-swa', label: 'SGD ↔ SWA' },
  { id: 'sgd-sam', label: 'SGD ↔ SAM' },
  { id: 'sam-wasam', label: 'SAM ↔ WASAM' },
];

const PAIR_OPTIMIZERS: Record<Exclude<PairId, 'initial-final'>, [OptimizerId, OptimizerId]> = {
  'sgd-swa': ['sgd', 'swa'],
  'sgd-sam': ['sgd', 'sam'],
  'sam-wasam': ['sam', 'wasam'],
};

/**
 * The newest run of `second` and a run of `first` trained like it (a comparison's pair), else
 * the newest compatible run of `first`. Each end is the run's solution: the average for SWA and
 * WASAM, the final weights otherwise.
 */
function optimizerPair(
  runs: readonly RunInfo[],
  [first, second]: [OptimizerId, OptimizerId],
): { a: WeightsRef; b: WeightsRef } | null {
  const b = latestOf(runs, second);
  if (!b) return null;
  const fallback = latestOf(runs, first);
  const a = latestOf(runs, first, b) ?? (fallback && compatible(fallback, b) ? fallback : null);
  if (!a) return null;
  return {
    a: { runId: a.id, which: solutionChoice(a) },
    b: { runId: b.id, which: solutionChoice(b) },
  };
}

/**
 * A and B of a one-click pair, or null when the runs it needs do not exist. `currentRunId` is
 * the run whose landscape is shown; "Initial → final" uses it, or the newest run.
 */
export function pairRefs(
  id: PairId,
  runs: readonly RunInfo[],
  currentRunId: string | null,
): { a: WeightsRef; b: WeightsRef } | null {
  if (id !== 'initial-final') return optimizerPair(runs, PAIR_OPTIMIZERS[id]);
  const run = runs.find((r) => r.id === currentRunId) ?? runs.at(-1);
  // An imported model has no initial weights: it was trained elsewhere.
  if (!run || run.checkpoints === 0) return null;
  return { a: { runId: run.id, which: 'initial' }, b: { runId: run.id, which: 'final' } };
}

/** Why a one-click pair's button is off (when `pairRefs` gives null). */
export function pairUnavailable(id: PairId): string {
  return id === 'initial-final'
    ? 'Needs a run with its initial weights (an imported model has no training history)'
    : 'Needs runs of these optimizers: use Compare';
}

/** Why the form cannot be computed as it stands, or null. */
export function draftProblem(draft: InterpolationDraft, runs: readonly RunInfo[]): string | null {
  if (!isValidRef(runs, draft.a) || !isValidRef(runs, draft.b)) return 'Choose A and B.';
  const a = runs.find((r) => r.id === draft.a!.runId)!;
  const b = runs.find((r) => r.id === draft.b!.runId)!;
  if (!compatible(a, b)) return 'A and B must be the same model trained on the same dataset.';
  if (!(draft.from < draft.to)) return 'The α range must run from a lower to a higher value.';
  return null;
}

/**
 * The worker request: the form's ends and α grid, evaluated on the landscape's fixed samples so
 * that the values at α = 0 and 1 match the slices' and grids' at the same weights.
 */
export function interpolationConfig(
  draft: InterpolationDraft,
  landscape: Pick<LandscapeConfig, 'evalSamples' | 'seed' | 'labels'>,
): InterpolationConfig | null {
  if (!draft.a || !draft.b) return null;
  return {
    a: draft.a,
    b: draft.b,
    from: draft.from,
    to: draft.to,
    points: draft.points,
    evalSamples: landscape.evalSamples,
    seed: landscape.seed,
    ...(landscape.labels && { labels: landscape.labels }),
  };
}
