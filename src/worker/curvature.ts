import { disposeParams } from '../engine/landscape/combine';
import { curvatureMap } from '../engine/landscape/curvature-map';
import { linspace } from '../engine/landscape/points';
import type { CurvatureJob, CurvatureMapResult } from '../domain/curvature';
import type { Progress } from '../domain/api';
import { buildDirections, directionContextFor, gridHalfWidth } from './directions';
import type { EvalSets } from './eval-sets';
import { recomputesStatistics } from './landscape';
import type { RunStore } from './runs';
import { cloneSet, disposeSet } from './tensor-sets';

/**
 * Li et al.'s convexity map of `job.ref`'s weights on the plane of its landscape: the directions
 * are built from the same config (a function of the weights, the options and the seed, so the
 * same d1 and d2 as the grid's), over the same half-width, on the landscape's own training
 * samples and labels (the run's own, label noise included, unless the config asks for clean
 * ones), so the Hessian is that of the surface the landscape draws. Runs on the training backend
 * (Hessian-vector products need gradients); progress counts Hessian-vector products.
 */
export async function measureCurvatureMap(
  runs: RunStore,
  sets: EvalSets,
  job: CurvatureJob,
  onProgress: (p: Progress) => void,
  isCancelled: () => boolean,
): Promise<CurvatureMapResult> {
  return sets.backend.onTrainBackend(async () => {
    const target = runs.weights(job.ref);
    const { config, settings } = job;
    // A clone shares the data but not the lifetime: a probe asking the cache for other samples
    // meanwhile would free the cached ones.
    const train = cloneSet(
      sets.get(target.dataset, target.model, config.evalSamples, config.labels).train,
    );
    try {
      const ctx = directionContextFor(runs, target, config, train);
      const { d1, d2, axes } = await buildDirections(ctx);
      try {
        const range = gridHalfWidth(axes, config);
        const axis = linspace(-range, range, settings.gridSize);
        const { maxIter, tol } = settings;
        const map = await curvatureMap(ctx.objective.hvp, target.params, d1, d2, axis, axis, {
          seed: config.seed,
          maxIter,
          tol,
          onProgress,
          isCancelled,
        });
        const storedStatistics = recomputesStatistics(job.ref, config, target.model.spec);
        return {
          ...map,
          ref: job.ref,
          settings,
          axes,
          samples: train.y.shape[0],
          storedStatistics,
        };
      } finally {
        disposeParams(d1);
        disposeParams(d2);
      }
    } finally {
      disposeSet(train);
    }
  });
}
