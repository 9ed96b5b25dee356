/**
 * Which landscapes share one colour scale, and whether the shared scale is on (the range itself
 * is `sharedZRange` in components/plot/grid-z.ts). Pure.
 */
import type { GridResult } from '../../domain/api';

/**
 * The landscapes a shared scale spans: the one on screen for the explored run, and the latest one
 * of every other run still listed (`runLandscapes` may hold deleted runs').
 */
export function runLandscapeGrids(
  runLandscapes: Readonly<Record<string, GridResult>>,
  runIds: readonly string[],
  explored: { runId: string; grid: GridResult | null } | null,
): GridResult[] {
  const others = runIds
    .filter((id) => id !== explored?.runId)
    .flatMap((id) => (runLandscapes[id] ? [runLandscapes[id]] : []));
  return explored?.grid ? [explored.grid, ...others] : others;
}

/** The toggle's state: the user's choice, else on as soon as two runs have landscapes. */
export function sharedScaleOn(choice: boolean | null, landscapes: number): boolean {
  return landscapes >= 2 && (choice ?? true);
}
