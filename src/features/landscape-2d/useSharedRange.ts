import { useMemo } from 'react';
import { useFlatland } from '../../store';
import { sharedZRange, type ZRange } from '../../components/plot/grid-z';
import { runLandscapeGrids, sharedScaleOn } from './color-range';
import type { LandscapeOptions } from './landscape-figure';

export interface SharedScale {
  /** Listed runs that have a landscape (the toggle matters from two on). */
  count: number;
  on: boolean;
  /** The colour range every run's landscape uses now; null: each its own. */
  range: ZRange | null;
}

/** The colour scale shared by all runs' landscapes, for the split and scale on screen. */
export function useSharedScale(options: Pick<LandscapeOptions, 'split' | 'log'>): SharedScale {
  const runLandscapes = useFlatland((s) => s.runLandscapes);
  const runs = useFlatland((s) => s.runs);
  const exploredId = useFlatland((s) => s.explored?.runId ?? null);
  const grid = useFlatland((s) => s.landscape.grid);
  const choice = useFlatland((s) => s.analysis.sharedColorScale);
  const grids = useMemo(
    () =>
      runLandscapeGrids(
        runLandscapes,
        runs.map((r) => r.id),
        exploredId === null ? null : { runId: exploredId, grid },
      ),
    [runLandscapes, runs, exploredId, grid],
  );
  const count = runs.filter((r) => r.id in runLandscapes).length;
  const on = sharedScaleOn(choice, count);
  const { split, log } = options;
  const range = useMemo(
    () => (on ? sharedZRange(grids, split, log) : null),
    [on, grids, split, log],
  );
  return { count, on, range };
}
