import type { Dataset } from '../data/load';
import { evalIndices } from '../data/subset';
import { evaluate } from '../engine/evaluate';
import { disposeParams } from '../engine/landscape/combine';
import { directionPair, filterNormalizedDirection } from '../engine/landscape/directions';
import { linspace, pointAt, type EvalFns } from '../engine/landscape/points';
import { grid2d, slice1d } from '../engine/landscape/surface';
import { deriveSeed } from '../engine/random';
import type { ModelState, Params } from '../engine/types';
import type { GridResult, LandscapeConfig, PointValue, Progress, SliceResult } from './api';
import { buildSet, disposeSet, type TensorSet } from './tensor-sets';
import type { TrainedModel } from './train-loop';

/**
 * Landscapes of one trained model. Owns its evaluation sets and directions; never modifies the
 * model's weights (every point is built as new tensors w + Σ cᵢ·dᵢ and disposed after use).
 */
export class LandscapeSession {
  private sets: { key: string; train: TensorSet; test: TensorSet } | null = null;
  private sliceDir: Params | null = null;
  /** The solution explored: the SWA/WASAM average when there is one, else the final weights. */
  private readonly weights: { params: Params; state: ModelState };

  constructor(
    private readonly model: TrainedModel,
    private readonly dataset: Dataset,
  ) {
    this.weights = model.averaged ?? { params: model.params, state: model.state };
  }

  /** Fixed, seeded evaluation samples (train from the run's subset), rebuilt only when they change. */
  private evalFns(config: LandscapeConfig): EvalFns {
    const key = `${config.evalSamples}/${config.seed}`;
    if (this.sets?.key !== key) {
      this.disposeSets();
      const seed = deriveSeed(config.seed, 'landscape/eval');
      const subset = this.model.subset;
      const trainIdx = evalIndices(subset.length, config.evalSamples, seed).map((i) => subset[i]!);
      const testIdx = evalIndices(this.dataset.test.count, config.evalSamples, seed);
      this.sets = {
        key,
        train: buildSet(this.dataset.train, trainIdx),
        test: buildSet(this.dataset.test, testIdx),
      };
    }
    const { spec } = this.model;
    const { state } = this.weights;
    const { train, test } = this.sets;
    return {
      train: (p) => evaluate(spec, p, state, train.x, train.y),
      test: (p) => evaluate(spec, p, state, test.x, test.y),
    };
  }

  async slice1d(config: LandscapeConfig, onProgress: (p: Progress) => void): Promise<SliceResult> {
    const fns = this.evalFns(config);
    if (this.sliceDir) disposeParams(this.sliceDir);
    this.sliceDir = filterNormalizedDirection(
      this.weights.params,
      deriveSeed(config.seed, 'slice'),
    );
    const ts = linspace(-config.sliceRange, config.sliceRange, config.slicePoints);
    const r = await slice1d(this.weights.params, this.sliceDir, ts, fns, { onProgress });
    return {
      t: r.t,
      trainLoss: r.trainLoss,
      testLoss: r.testLoss,
      trainAcc: r.trainAcc,
      testAcc: r.testAcc,
    };
  }

  async grid2d(config: LandscapeConfig, onProgress: (p: Progress) => void): Promise<GridResult> {
    const fns = this.evalFns(config);
    const [d1, d2] = directionPair(this.weights.params, deriveSeed(config.seed, 'grid'));
    try {
      const axis = linspace(-config.gridRange, config.gridRange, config.gridSize);
      return await grid2d(this.weights.params, d1, d2, axis, axis, fns, { onProgress });
    } finally {
      disposeParams(d1);
      disposeParams(d2);
    }
  }

  /** Loss and accuracy at w + t·d along the last slice's direction. */
  async evaluateAt(t: number, config: LandscapeConfig): Promise<PointValue> {
    if (!this.sliceDir) throw new Error('Compute the 1D slice before moving along it.');
    const r = await pointAt(this.weights.params, [this.sliceDir], [t], this.evalFns(config));
    return { t, ...r };
  }

  private disposeSets(): void {
    if (!this.sets) return;
    disposeSet(this.sets.train);
    disposeSet(this.sets.test);
    this.sets = null;
  }

  dispose(): void {
    this.disposeSets();
    if (this.sliceDir) disposeParams(this.sliceDir);
    this.sliceDir = null;
    disposeParams(this.model.params);
    disposeParams(this.model.state);
    if (this.model.averaged) {
      disposeParams(this.model.averaged.params);
      disposeParams(this.model.averaged.state);
    }
  }
}
