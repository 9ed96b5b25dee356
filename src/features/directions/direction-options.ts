/**
 * The direction options of the landscape as the Directions panel edits them: defaults, choice
 * lists and the landscape config a recompute sends. Pure, so it is unit-tested.
 */
import type { DirectionKind, DirectionOptions, LandscapeConfig, RunInfo } from '../../domain/api';
import { DEFAULT_SETTINGS } from '../../schema';
import { isValidRef } from '../../domain/weights';

/**
 * The worker's defaults when `directions` is absent (Li et al. 2018: random, filter-normalised,
 * biases and BatchNorm zeroed), from the settings schema: the UI cannot import
 * `src/worker/directions.ts` without pulling TF.js into the main thread, and a worker test keeps
 * its copy equal to the schema's.
 */
export const UI_DEFAULT_DIRECTIONS: DirectionOptions = DEFAULT_SETTINGS.landscape.directions;

export const KIND_OPTIONS: { value: DirectionKind; label: string }[] = [
  { value: 'random', label: 'Random (Gaussian)' },
  { value: 'pca', label: 'PCA of the trajectory' },
  { value: 'checkpoint', label: 'Towards a checkpoint' },
  { value: 'eigenvector', label: 'Top Hessian eigenvector' },
  { value: 'gradient', label: 'Gradient' },
];

export const NORMALIZATION_OPTIONS: { value: DirectionOptions['normalization']; label: string }[] =
  [
    { value: 'filter', label: 'Filter-wise' },
    { value: 'layer', label: 'Layer-wise' },
    { value: 'none', label: 'None' },
  ];

/** `auto` leaves the choice to the worker: recompute for averaged weights, else stored. */
export type BnMode = 'auto' | 'stored' | 'recompute';

export const BN_OPTIONS: { value: BnMode; label: string }[] = [
  { value: 'auto', label: 'Auto: recompute if averaged' },
  { value: 'stored', label: 'Stored' },
  { value: 'recompute', label: 'Recompute at each point' },
];

/** The options in force: the worker's defaults overridden by what the user set. */
export function currentDirections(config: LandscapeConfig): DirectionOptions {
  return { ...UI_DEFAULT_DIRECTIONS, ...config.directions };
}

export function bnMode(config: LandscapeConfig): BnMode {
  return config.bn ?? 'auto';
}

/** The `bn` field for a mode; `auto` removes it so the worker decides per weights. */
export function bnPatch(mode: BnMode): Pick<LandscapeConfig, 'bn'> {
  return { bn: mode === 'auto' ? undefined : mode };
}

/**
 * PCA comes in pairs (PC1, PC2): choosing it for one direction makes it both, and leaving it for
 * one leaves it for both, as the worker only builds PCA planes.
 */
export function withKind(
  options: DirectionOptions,
  which: 'kind1' | 'kind2',
  kind: DirectionKind,
): DirectionOptions {
  const other = which === 'kind1' ? 'kind2' : 'kind1';
  if (kind === 'pca') return { ...options, kind1: 'pca', kind2: 'pca' };
  if (options[other] === 'pca') return { ...options, [which]: kind, [other]: 'random' };
  return { ...options, [which]: kind };
}

/** Why the options cannot be computed as they stand, or null when they can. */
export function directionProblem(options: DirectionOptions, runs: RunInfo[]): string | null {
  const usesCheckpoint = options.kind1 === 'checkpoint' || options.kind2 === 'checkpoint';
  if (usesCheckpoint && !isValidRef(runs, options.towards)) {
    return 'Choose the checkpoint the direction points towards.';
  }
  if (options.shareWith && !runs.some((r) => r.id === options.shareWith)) {
    return 'The run to share directions with no longer exists.';
  }
  return null;
}
