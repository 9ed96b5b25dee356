import { ensembleCurve } from '../engine/ensemble';
import type { EnsembleConfig, EnsembleResult, Progress } from '../domain/api';
import type { EvalSets } from './eval-sets';
import type { RunStore } from './runs';

/**
 * Fast Geometric Ensembling (Garipov et al. 2018) against SWA (Izmailov et al. 2018) on one FGE
 * run: the ensemble of its first k snapshots (mean softmax predictions) and the average of the
 * same k weights (one model, BatchNorm recomputed on the run's training samples), k = 1..K, on
 * the run's fixed, seeded test samples — those of its per-epoch test metrics.
 */
export async function ensembleRun(
  runs: RunStore,
  sets: EvalSets,
  config: EnsembleConfig,
  onProgress: (p: Progress) => void,
  isCancelled: () => boolean = () => false,
): Promise<EnsembleResult> {
  const { model, dataset } = runs.get(config.runId);
  if (model.snapshots.length === 0) {
    throw new Error(
      'This run kept no FGE snapshots: train with FGE (a saved or imported run keeps none).',
    );
  }
  return sets.backend.evaluate(model.spec, async (on) => {
    const { train, test } = sets.get(dataset, model, config.evalSamples);
    const curve = await ensembleCurve(model.spec, model.snapshots, test, [train.x], {
      onProgress,
      isCancelled,
    });
    return {
      ...curve,
      runId: config.runId,
      steps: model.snapshots.map((s) => s.step),
      samples: test.y.shape[0],
      backend: on.backend,
    };
  });
}
