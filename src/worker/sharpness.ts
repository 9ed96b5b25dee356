import { evalIndices } from '../data/subset';
import { sharpnessReport, type SharpnessReport } from '../engine/landscape/sharpness-report';
import { deriveSeed } from '../domain/random';
import { modelObjective } from '../engine/tangent/hvp';
import type { SharpnessConfig, SharpnessProgress } from '../domain/api';
import { labelledSet } from './loop-data';
import type { RunStore } from './runs';
import { buildSet, disposeSet } from './tensor-sets';

/**
 * Sharpness numbers of one run's weights on a fixed, seeded training sample, in eval mode (the
 * stored BatchNorm statistics, so the loss is a deterministic function of the weights). The
 * sample carries the labels the run trained on (label noise included), so the Hessian is that of
 * the loss it minimised, unless `config.labels` asks for the clean ones.
 */
export async function measureSharpness(
  runs: RunStore,
  config: SharpnessConfig,
  onProgress: (p: SharpnessProgress) => void,
  isCancelled: () => boolean,
): Promise<SharpnessReport> {
  const target = runs.weights(config.weights);
  const { model, dataset, params, state } = target;
  const idx = evalIndices(
    model.subset.length,
    config.samples,
    deriveSeed(config.seed, 'sharpness'),
  );
  const at = idx.map((i) => model.subset[i]!);
  const set =
    config.labels === 'clean'
      ? buildSet(dataset.train, at)
      : labelledSet(
          dataset.train,
          at,
          idx.map((i) => model.labels[i]!),
        );
  try {
    const objective = modelObjective(model.spec, state, set.x, set.y);
    return await sharpnessReport(objective, params, {
      seed: config.seed,
      rho: config.rho,
      adaptiveRho: config.adaptiveRho,
      ...(config.stages ? { stages: config.stages } : {}),
      ...(config.powerIterations ? { eigen: { maxIter: config.powerIterations } } : {}),
      ...(config.traceProbes ? { trace: { samples: config.traceProbes } } : {}),
      onProgress,
      isCancelled,
    });
  } finally {
    disposeSet(set);
  }
}
