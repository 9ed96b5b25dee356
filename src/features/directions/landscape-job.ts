/**
 * "Recompute landscape": the 1D slice and 2D grid of the explored weights again, with the current
 * direction and BatchNorm options, written through the results slice like the landscape that
 * follows training (so the slice and grid panels show progress and results the same way).
 */
import type { EngineClient } from '../../app/worker-client';
import type { FlatlandStore } from '../../store';
import type { PointValue, Progress, SliceResult } from '../../domain/api';
import { analysisBlocker, jobError } from '../../app/analysis-status';
import { currentDirections } from './direction-options';

/** The slice point nearest t = 0: the explored weights themselves, known without a worker call. */
function centre(slice: SliceResult): PointValue | null {
  let best = -1;
  slice.t.forEach((t, i) => {
    if (best < 0 || Math.abs(t) < Math.abs(slice.t[best]!)) best = i;
  });
  if (best < 0) return null;
  return {
    t: slice.t[best]!,
    trainLoss: slice.trainLoss[best]!,
    trainAcc: slice.trainAcc[best]!,
    testLoss: slice.testLoss[best]!,
    testAcc: slice.testAcc[best]!,
  };
}

export interface LandscapeJobDeps {
  engine: Pick<EngineClient, 'slice1d' | 'grid2d'>;
  store: FlatlandStore;
}

/**
 * Recomputes slice and grid; does nothing while another job, training or landscape runs.
 */
export async function recomputeLandscape({ engine, store }: LandscapeJobDeps): Promise<void> {
  const s = store.getState();
  if (analysisBlocker(s) !== null || !s.startAnalysisJob('landscape')) return;
  const { run, explored } = s;
  const config = { ...s.landscapeConfig };
  const state = () => store.getState();
  // A new run or other explored weights bring their own landscape: this one is then dropped.
  const current = () => state().run.id === run.id && state().explored === explored;
  const report = (p: Progress) => current() && state().reportAnalysisJob({ progress: p });
  try {
    state().startLandscape(config);
    const slice = await engine.slice1d(config, (p) => {
      if (report(p)) state().setSliceProgress(p);
    });
    if (!current()) return;
    state().setSlice(slice);
    state().setSliceKind(currentDirections(config).kind1);
    const center = centre(slice);
    if (center) {
      // The worker's probe now moves along the new direction: restart the slider at the centre.
      state().setProbeT(center.t);
      state().setProbeValue(center);
    }
    state().setLandscapeStatus('grid');
    state().reportAnalysisJob({ progress: null });
    const grid = await engine.grid2d(
      config,
      (p) => {
        if (report(p)) state().setGridProgress(p);
      },
      (coarse) => current() && state().setCoarseGrid(coarse),
    );
    if (current()) state().setGrid(grid);
  } catch (error) {
    if (current()) state().failLandscape(jobError('Landscape', error));
  } finally {
    state().finishAnalysisJob();
  }
}
