import * as tf from '@tensorflow/tfjs';
import { disposeParams } from '../engine/landscape/combine';
import type { RefineOptions } from '../engine/landscape/grid-rows';
import { linspace, type EvalFns } from '../engine/landscape/points';
import { grid2dAuto } from '../engine/landscape/batched/choose';
import { grid2dRefined, slice1d } from '../engine/landscape/surface';
import { stateShapes } from '../engine/model/params';
import type { ModelSpec, Params } from '../engine/types';
import type {
  GridResult,
  LandscapeConfig,
  LandscapeParts,
  PlaneValue,
  PointValue,
  ProbeImages,
  Progress,
  SliceResult,
  WeightsRef,
} from '../domain/api';
import {
  buildDirections,
  buildSliceDirection,
  directionContextFor,
  type DirectionContext,
  gridHalfWidth,
} from './directions';
import { predictFnFor, probePoint, stripImages, stripSet, type ProbeResult } from './probe';
import type { RunStore, WeightsTarget } from './runs';
import { evalFnsFor, type EvalSets } from './eval-sets';
import { cloneSet, disposeSet, type TensorSet } from './tensor-sets';

/** Whether `ref`'s landscape with `config` recomputes BatchNorm statistics at every point. */
export function recomputesStatistics(
  ref: WeightsRef,
  config: LandscapeConfig,
  spec: ModelSpec,
): boolean {
  const mode = config.bn ?? (ref.which === 'averaged' ? 'recompute' : 'stored');
  return mode === 'recompute' && stateShapes(spec).length > 0;
}

/**
 * Landscapes around one set of weights. Borrows the weights (never modifies or disposes them:
 * every point is built as new tensors w + Σ cᵢ·dᵢ and disposed after use); owns its directions.
 */
export class LandscapeSession {
  sliceDir: Params | null = null; // The slice's direction d: the decision boundary reads it.
  /** The directions of the last grid drawn, kept for the 2D perturbation sliders. */
  private plane: Params[] | null = null;
  private strip: TensorSet | null = null;

  constructor(
    private readonly runs: RunStore,
    private readonly ref: WeightsRef,
    private readonly sets: EvalSets,
  ) {}

  get target(): WeightsTarget {
    return this.runs.weights(this.ref);
  }

  private evalSets(config: LandscapeConfig) {
    const { model, dataset } = this.target;
    return this.sets.get(dataset, model, config.evalSamples, config.labels);
  }

  private evalFns(config: LandscapeConfig): EvalFns {
    const target = this.target;
    return evalFnsFor(
      target.model.spec,
      target.state,
      this.evalSets(config),
      this.recomputes(config),
    );
  }

  private directionContext(config: LandscapeConfig): DirectionContext {
    return directionContextFor(this.runs, this.target, config, this.evalSets(config).train);
  }

  async slice1d(
    config: LandscapeConfig,
    onProgress: (p: Progress) => void,
    isCancelled: () => boolean = () => false,
  ): Promise<SliceResult> {
    const backend = this.sets.backend;
    const dir = await backend.onTrainBackend(() =>
      buildSliceDirection(this.directionContext(config)),
    );
    if (this.sliceDir) disposeParams(this.sliceDir);
    this.sliceDir = dir;
    const ts = linspace(-config.sliceRange, config.sliceRange, config.slicePoints);
    return backend.evaluate(this.target.model.spec, async (on) => {
      const fns = this.evalFns(config);
      const interleave = backend.interleave(on.backend);
      const opts = { onProgress, isCancelled, interleave };
      const r = await slice1d(this.target.params, dir, ts, fns, opts);
      const { t, trainLoss, testLoss, trainAcc, testAcc } = r;
      return { t, trainLoss, testLoss, trainAcc, testAcc, evaluatedOn: on.reason };
    });
  }

  /**
   * The grid, progressively: the coarse surface (every other row and column) goes to `onCoarse`
   * as soon as it is complete, then the remaining points fill in; progress counts points.
   */
  async grid2d(
    config: LandscapeConfig,
    onProgress: (p: Progress) => void,
    isCancelled: () => boolean = () => false,
    onCoarse?: (grid: GridResult) => void,
  ): Promise<GridResult> {
    const backend = this.sets.backend;
    const { d1, d2, axes } = await backend.onTrainBackend(() =>
      buildDirections(this.directionContext(config)),
    );
    // The plane is kept from the moment a surface on it is drawn (the coarse one), so the
    // perturbation sliders work on it even when the refinement is cancelled.
    let kept = false;
    const keep = () => {
      if (!kept) this.keepPlane([d1, d2]);
      kept = true;
    };
    try {
      const range = gridHalfWidth(axes, config);
      const axis = linspace(-range, range, config.gridSize);
      const r = await backend.evaluate(this.target.model.spec, async (on) => {
        const grid = await this.evaluateGrid(config, d1, d2, axis, this.evalFns(config), {
          onProgress,
          isCancelled,
          interleave: backend.interleave(on.backend),
          refine: true,
          onCoarse: (g) => {
            keep();
            onCoarse?.({ ...g, axes, evaluatedOn: on.reason });
          },
        });
        return { ...grid, evaluatedOn: on.reason };
      });
      keep();
      return { ...r, axes };
    } catch (error) {
      if (!kept) {
        disposeParams(d1);
        disposeParams(d2);
      }
      throw error;
    }
  }

  /**
   * Builds the slice direction and/or the plane for `config` again without evaluating a point,
   * so the perturbation sliders of a restored landscape move along the directions it was drawn on.
   * Directions are a function of the weights, the options and the seed, so they come out the same
   * as those `slice1d` and `grid2d` built (PCA too: only the grid's range depends on the path).
   */
  rebuildDirections(config: LandscapeConfig, parts: LandscapeParts): Promise<void> {
    return this.sets.backend.onTrainBackend(() => this.rebuild(config, parts));
  }

  private async rebuild(config: LandscapeConfig, parts: LandscapeParts): Promise<void> {
    const ctx = this.directionContext(config);
    if (parts.slice) {
      const dir = await buildSliceDirection(ctx);
      if (this.sliceDir) disposeParams(this.sliceDir);
      this.sliceDir = dir;
    }
    if (parts.grid) {
      const { d1, d2 } = await buildDirections(ctx);
      this.keepPlane([d1, d2]);
    }
  }

  private keepPlane(dirs: Params[]): void {
    this.plane?.forEach(disposeParams);
    this.plane = dirs;
  }

  /**
   * With statistics fixed, the batched path (several grid points per forward pass, chosen per
   * backend by timing) gives the same values faster; recomputing statistics per point needs the
   * per-point path.
   */
  private async evaluateGrid(
    config: LandscapeConfig,
    d1: Params,
    d2: Params,
    axis: number[],
    fns: EvalFns,
    opts: RefineOptions & { refine: boolean },
  ): Promise<Omit<GridResult, 'axes'>> {
    const { params, model, state } = this.target;
    if (this.recomputes(config)) return grid2dRefined(params, d1, d2, axis, axis, fns, opts);
    const sets = this.evalSets(config);
    const gridModel = { spec: model.spec, state, sets: { train: sets.train, test: sets.test } };
    const r = await grid2dAuto(params, d1, d2, axis, axis, gridModel, opts);
    return {
      a: r.a,
      b: r.b,
      trainLoss: r.trainLoss,
      testLoss: r.testLoss,
      trainAcc: r.trainAcc,
      testAcc: r.testAcc,
      elapsedMs: r.elapsedMs,
    };
  }

  /** Averaged weights never saw a training pass: their statistics are recomputed by default. */
  private recomputes(config: LandscapeConfig): boolean {
    return recomputesStatistics(this.ref, config, this.target.model.spec);
  }

  /**
   * Loss, accuracy and strip predictions at w + t·d along the last slice's direction.
   * `isStale` true at one of the probe's checkpoints abandons it (see `probePoint`).
   */
  async evaluateAt(
    t: number,
    config: LandscapeConfig,
    isStale?: () => boolean,
  ): Promise<PointValue> {
    const dirs = () => {
      if (!this.sliceDir) throw new Error('Compute the 1D slice before moving along it.');
      return [this.sliceDir];
    };
    dirs();
    return { t, ...(await this.probe(dirs, [t], config, isStale)) };
  }

  /** The same at w + a·d1 + b·d2 on the plane of the last grid drawn (coarse or finished). */
  async evaluateAt2d(
    a: number,
    b: number,
    config: LandscapeConfig,
    isStale?: () => boolean,
  ): Promise<PlaneValue> {
    const dirs = () => {
      if (!this.plane) throw new Error('Compute the 2D landscape before moving on its plane.');
      return this.plane;
    };
    dirs();
    return { a, b, ...(await this.probe(dirs, [a, b], config, isStale)) };
  }

  images(): ProbeImages {
    return stripImages(this.target.dataset);
  }

  /**
   * The probe reads the samples, the strip and the BatchNorm statistics across its checkpoints,
   * where a queued job (another landscape's samples, deleting the run) may free them: it holds
   * its own references (clones share the data) until it ends. It runs on the backend active now
   * (`EvalBackend.probe`), and reads the directions only once it runs (`dirs`).
   */
  private probe(
    dirs: () => Params[],
    coeffs: number[],
    config: LandscapeConfig,
    isStale?: () => boolean,
  ): Promise<ProbeResult> {
    const spec = this.target.model.spec;
    return this.sets.backend.probe(spec, () => this.probeNow(dirs(), coeffs, config, isStale));
  }

  private async probeNow(
    dirs: Params[],
    coeffs: number[],
    config: LandscapeConfig,
    isStale?: () => boolean,
  ): Promise<ProbeResult> {
    const { params, model, state, dataset } = this.target;
    this.strip ??= stripSet(dataset);
    const sets = this.evalSets(config);
    const held = {
      state: Object.fromEntries(Object.entries(state).map(([k, v]) => [k, tf.clone(v)])),
      sets: { train: cloneSet(sets.train), test: cloneSet(sets.test) },
      strip: cloneSet(this.strip),
    };
    try {
      const recompute = this.recomputes(config);
      const fns = evalFnsFor(model.spec, held.state, held.sets, recompute);
      const x = held.sets.train.x;
      const predict = predictFnFor(model.spec, held.state, held.strip, x, recompute);
      return await probePoint(params, dirs, coeffs, fns, predict, isStale);
    } finally {
      tf.dispose(Object.values(held.state));
      [held.sets.train, held.sets.test, held.strip].forEach(disposeSet);
    }
  }

  dispose(): void {
    if (this.sliceDir) disposeParams(this.sliceDir);
    this.sliceDir = null;
    this.plane?.forEach(disposeParams);
    this.plane = null;
    disposeSet(this.strip);
    this.strip = null;
  }
}
