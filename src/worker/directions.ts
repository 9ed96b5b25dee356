import { disposeParams, offsetParams } from '../engine/landscape/combine';
import { cosine, orthogonalize, randomDirection } from '../engine/landscape/directions';
import { hessianLambdaMax } from '../engine/landscape/hessian';
import { gradient } from '../engine/landscape/sharpness-core';
import { modelObjective, type Objective } from '../engine/tangent/hvp';
import { normalizeDirection } from '../engine/landscape/normalize';
import { pcaDirections } from '../engine/landscape/pca';
import { deriveSeed } from '../domain/random';
import type { Params } from '../engine/types';
import type { AxesInfo, DirectionKind, DirectionOptions, LandscapeConfig } from '../domain/api';
import type { RunStore, WeightsTarget } from './runs';
import type { TensorSet } from './tensor-sets';

export const DEFAULT_DIRECTIONS: DirectionOptions = {
  kind1: 'random',
  kind2: 'random',
  normalization: 'filter',
  ignoreBiasBn: true,
  orthogonalize: false,
};

export interface DirectionContext {
  runs: RunStore;
  target: WeightsTarget;
  options: DirectionOptions;
  seed: number;
  /** Eval-mode loss on a fixed training sample and its exact Hessian-vector products. */
  objective: Objective;
}

/**
 * The context of `target`'s landscape with `config`: its direction options and seed, and the
 * objective on `train` (the landscape's training samples, with its labels).
 */
export function directionContextFor(
  runs: RunStore,
  target: WeightsTarget,
  config: LandscapeConfig,
  train: TensorSet,
): DirectionContext {
  const objective = modelObjective(target.model.spec, target.state, train.x, train.y);
  const options = { ...DEFAULT_DIRECTIONS, ...config.directions };
  return { runs, target, options, seed: config.seed, objective };
}

export interface BuiltDirections {
  d1: Params;
  d2: Params;
  axes: AxesInfo;
}

const LABELS: Record<DirectionKind, string> = {
  random: 'random direction',
  pca: 'PC',
  checkpoint: 'towards checkpoint',
  eigenvector: 'top Hessian eigenvector',
  gradient: 'gradient',
};

/**
 * The raw Gaussian draw of a random direction: a function of the seed and the parameters' names
 * and shapes only. Sharing directions with another run shares this draw (the same seed over the
 * same shapes, checked here), never that run's normalisation: see `normalized`.
 */
function rawRandom(ctx: DirectionContext, which: 'd1' | 'd2'): Params {
  const id = ctx.options.shareWith;
  if (id) sameShapes(ctx.runs.weights(ctx.runs.solution(id)).params, ctx.target.params);
  return randomDirection(ctx.target.params, deriveSeed(ctx.seed, which));
}

function sameShapes(a: Params, b: Params): void {
  const shapes = (p: Params) => Object.entries(p).map(([k, t]) => `${k}:${t.shape.join('x')}`);
  if (shapes(a).join() !== shapes(b).join())
    throw new Error('Directions can only be shared between runs of the same model.');
}

/**
 * Normalised against the explored weights themselves, also when directions are shared: Li et
 * al.'s scale invariance (2018, §4) needs each filter of d at the norm of the filter of the w it
 * perturbs, so an SWA or SAM solution is not perturbed at another run's filter norms.
 */
function normalized(ctx: DirectionContext, raw: Params): Params {
  const { normalization, ignoreBiasBn } = ctx.options;
  try {
    return normalizeDirection(raw, ctx.target.params, { normalization, ignoreBiasBn });
  } finally {
    disposeParams(raw);
  }
}

/** w_other − w: t = 1 lands exactly on the other checkpoint, so it is never normalised. */
function towards(ctx: DirectionContext): Params {
  const ref = ctx.options.towards;
  if (!ref) throw new Error('Choose the checkpoint the direction points to.');
  const other = ctx.runs.weights(ref).params;
  return offsetParams(other, [ctx.target.params], [-1]);
}

async function single(
  ctx: DirectionContext,
  kind: DirectionKind,
  which: 'd1' | 'd2',
): Promise<Params> {
  switch (kind) {
    case 'random':
      return normalized(ctx, rawRandom(ctx, which));
    case 'checkpoint':
      return towards(ctx);
    case 'gradient':
      return normalized(ctx, gradient(ctx.objective.loss, ctx.target.params));
    case 'eigenvector': {
      const r = await hessianLambdaMax(ctx.objective.hvp, ctx.target.params, {
        seed: ctx.seed,
        maxIter: 30,
      });
      return normalized(ctx, r.vector);
    }
    case 'pca':
      throw new Error('PCA directions come in pairs');
  }
}

async function pca(ctx: DirectionContext): Promise<BuiltDirections> {
  const checkpoints = ctx.target.model.checkpoints;
  if (checkpoints.length === 0)
    throw new Error('PCA directions need a training trajectory; an imported model has none.');
  if (checkpoints.length < 3)
    throw new Error('PCA directions need at least two epochs of trajectory.');
  // Li et al. take the trajectory relative to the final point: use the explored weights as the end.
  const r = await pcaDirections([...checkpoints.slice(0, -1), ctx.target.params]);
  const [e1, e2] = r.explainedVarianceRatio;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const axes: AxesInfo = {
    label1: `PC1 (${pct(e1)} of variance)`,
    label2: `PC2 (${pct(e2)} of variance)`,
    cosine: 0,
    explained: [e1, e2],
    path: r.coords,
  };
  return { d1: r.components[0], d2: r.components[1], axes };
}

/** d1 and d2 as the options say, with their labels and cosine. Caller disposes d1 and d2. */
export async function buildDirections(ctx: DirectionContext): Promise<BuiltDirections> {
  const { kind1, kind2 } = ctx.options;
  if (kind1 === 'pca' || kind2 === 'pca') return pca(ctx);
  const d1 = await single(ctx, kind1, 'd1');
  let d2 = await single(ctx, kind2, 'd2');
  if (ctx.options.orthogonalize) {
    const o = orthogonalize(d1, d2);
    disposeParams(d2);
    d2 = o;
  }
  const c = cosine(d1, d2);
  const cos = (await c.data())[0]!;
  c.dispose();
  const label = (k: DirectionKind, n: string) => `${LABELS[k]} ${n}`;
  return { d1, d2, axes: { label1: label(kind1, 'd1'), label2: label(kind2, 'd2'), cosine: cos } };
}

/** The 1D slice's direction: d1 of the same options (PCA: PC1). Caller disposes it. */
export async function buildSliceDirection(ctx: DirectionContext): Promise<Params> {
  if (ctx.options.kind1 === 'pca') {
    const { d1, d2 } = await pca(ctx);
    disposeParams(d2);
    return d1;
  }
  return single(ctx, ctx.options.kind1, 'd1');
}

/** Largest |coordinate| of a projected path, so the PCA plane frames the whole trajectory. */
export function pathExtent(path: { a: number[]; b: number[] } | undefined): number {
  if (!path) return 0;
  return Math.max(...path.a.map(Math.abs), ...path.b.map(Math.abs));
}

/** Half the side of a landscape's grid: `config`'s range, or PCA's path with a margin around it. */
export function gridHalfWidth(axes: AxesInfo, config: LandscapeConfig): number {
  return axes.path ? Math.max(1e-3, 1.25 * pathExtent(axes.path)) : config.gridRange;
}
