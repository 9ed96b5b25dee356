/** Computes the convexity map of the explored weights on the 2D landscape's plane. */
import type { AnalysisClient } from '../../app/worker-client';
import { analysisBlocker, jobError } from '../../app/analysis-status';
import type { FlatlandState, FlatlandStore } from '../../store';
import type { CurvatureMapResult, CurvatureSettings } from '../../domain/curvature';
import type { GridResult } from '../../domain/api';

export interface CurvatureJobDeps {
  engine: Pick<AnalysisClient, 'curvatureMap'>;
  store: FlatlandStore;
  settings: CurvatureSettings;
}

/** The map of `grid`, or why it failed (null when the map came back). */
export interface CurvatureOutcome {
  grid: GridResult;
  map: CurvatureMapResult | null;
  error: string | null;
}

/** Why the map cannot be computed now (the analysis tools' reasons, or no landscape), or null. */
export function curvatureBlocker(s: FlatlandState): string | null {
  const blocker = analysisBlocker(s);
  if (blocker) return blocker;
  if (s.landscape.status !== 'done' || !s.landscape.grid || !s.landscape.config || !s.explored)
    return 'Compute the 2D landscape first.';
  return null;
}

/**
 * The map on the plane of the landscape on screen: its weights, its config (directions, seed,
 * range, samples, labels), at the map's own coarser grid size. Holds the analysis job slot;
 * resolves null when it could not start.
 */
export async function runCurvatureMap({
  engine,
  store,
  settings,
}: CurvatureJobDeps): Promise<CurvatureOutcome | null> {
  const s = store.getState();
  const { grid, config } = s.landscape;
  const ref = s.explored;
  if (curvatureBlocker(s) !== null || !grid || !config || !ref) return null;
  if (!s.startAnalysisJob('curvature')) return null;
  const state = () => store.getState();
  try {
    const map = await engine.curvatureMap({ ref, config, settings }, (progress) =>
      state().reportAnalysisJob({ progress }),
    );
    return { grid, map, error: null };
  } catch (error) {
    return { grid, map: null, error: jobError('Convexity map', error) };
  } finally {
    state().finishAnalysisJob();
  }
}
