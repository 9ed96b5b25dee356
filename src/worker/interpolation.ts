import { linspace } from '../engine/landscape/points';
import { interpolate } from '../engine/landscape/surface';
import type { InterpolationConfig, InterpolationResult, Progress, WeightsRef } from '../domain/api';
import { evalFnsFor, type EvalSets } from './eval-sets';
import type { RunStore, WeightsTarget } from './runs';

/**
 * The weights of A and B, checked to be the same model on the same dataset (`what` names the
 * job in the error): θ(α) and the mode-connecting curves both need it.
 */
export function weightsPair(
  runs: RunStore,
  refA: WeightsRef,
  refB: WeightsRef,
  what: string,
): { a: WeightsTarget; b: WeightsTarget } {
  const a = runs.weights(refA);
  const b = runs.weights(refB);
  // Imported datasets share the id 'imported': their names tell two of them apart.
  const sameData = a.dataset.id === b.dataset.id && a.dataset.name === b.dataset.name;
  if (!sameData || a.model.spec.layers.length !== b.model.spec.layers.length) {
    throw new Error(`${what} needs two runs of the same model on the same dataset.`);
  }
  for (const name of Object.keys(a.params)) {
    const ta = a.params[name]!;
    const tb = b.params[name];
    if (!tb || ta.shape.join() !== tb.shape.join()) {
      throw new Error(`The two runs' weights differ in shape at ${name}.`);
    }
  }
  return { a, b };
}

/**
 * θ(α) = (1 − α)·A + α·B between two checkpoints (Goodfellow et al. 2015; Izmailov et al. 2018
 * Fig. 5; Kaddour et al. 2022 Obs. 1–2). For models with BatchNorm, statistics are recomputed
 * at every α, since the interpolated weights have none of their own.
 */
export async function interpolateRuns(
  runs: RunStore,
  sets: EvalSets,
  config: InterpolationConfig,
  onProgress: (p: Progress) => void,
  isCancelled: () => boolean = () => false,
): Promise<InterpolationResult> {
  const { a, b } = weightsPair(runs, config.a, config.b, 'Interpolation');
  const alphas = linspace(config.from, config.to, config.points);
  return sets.backend.evaluate(a.model.spec, async (on) => {
    const evalSets = sets.get(a.dataset, a.model, config.evalSamples, config.labels);
    const fns = evalFnsFor(a.model.spec, a.state, evalSets, true);
    const interleave = sets.backend.interleave(on.backend);
    const r = await interpolate(a.params, b.params, alphas, fns, {
      onProgress,
      isCancelled,
      interleave,
    });
    const { alpha, trainLoss, testLoss, trainAcc, testAcc } = r;
    return { alpha, trainLoss, testLoss, trainAcc, testAcc };
  });
}
