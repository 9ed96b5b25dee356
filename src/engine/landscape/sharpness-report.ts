import * as tf from '@tensorflow/tfjs';
import type { HvpFn, LossFn, Objective } from '../tangent/hvp';
import type { Params } from '../types';
import { disposeParams } from './combine';
import {
  SHARPNESS_STAGES,
  type SharpnessProgress,
  type SharpnessReport,
  type SharpnessStage,
} from '../../domain/sharpness';
import {
  hessianLambdaMax,
  hessianTrace,
  type EigenOptions,
  type EigenResult,
  type TraceOptions,
} from './hessian';
import { throwIfCancelled, type Progress, type RunOptions } from './points';
import {
  adaptiveRhoSharpness,
  rhoSharpness,
  type AdaptiveOptions,
  type WorstCaseOptions,
} from './sharpness';
import { averageSharpness, type AverageCaseOptions } from './sharpness-average';
import { mSharpness } from './sharpness-m';

// The stages, the report and its progress are the domain's (one copy for engine, worker and UI).
export { SHARPNESS_STAGES, type SharpnessProgress, type SharpnessReport, type SharpnessStage };

type StageOptions<T> = Omit<T, keyof RunOptions | 'rho'>;

export interface SharpnessReportOptions {
  /** Which measures to run (default all); they always run in {@link SHARPNESS_STAGES} order. */
  stages?: SharpnessStage[];
  /** Seed of every random part (default 0); a stage's own `seed` option overrides it. */
  seed?: number;
  /**
   * ρ of the worst-case sharpness (SAM's ball radius) and the per-coordinate noise σ of the
   * average-case sharpness (default 0.05, SAM's).
   */
  rho?: number;
  /** ρ of the adaptive sharpness, a radius relative to |w| (default 2.0, davda54/sam's ASAM). */
  adaptiveRho?: number;
  /** ρ of the adaptive average case, δᵢ ~ N(0, ρ²wᵢ²): a fraction of each |wᵢ| (default `rho`). */
  adaptiveAverageRho?: number;
  /** Power-iteration options (PyHessian-like defaults of `hessianTopEigen`). */
  eigen?: Omit<EigenOptions, keyof RunOptions>;
  /** Hutchinson options (default 100 Rademacher samples). */
  trace?: Omit<TraceOptions, 'deflate' | keyof RunOptions>;
  /** Deflate the trace estimate with the top eigenpair (default false, as PyHessian). */
  deflateTrace?: boolean;
  worstCase?: StageOptions<WorstCaseOptions>;
  adaptive?: StageOptions<WorstCaseOptions & AdaptiveOptions>;
  /**
   * The m-sharpness stage's k disjoint sets of m samples (their losses L_S, over the same sample,
   * labels and state as the objective); the stage is skipped (null) without them. It uses `rho`
   * and the worst-case options.
   */
  mSets?: { m: number; losses: LossFn[] };
  /** Options of both average-case stages (their `direction` is fixed by the stage). */
  average?: StageOptions<Omit<AverageCaseOptions, 'direction'>>;
  onProgress?: (p: SharpnessProgress) => void;
  /**
   * Polled between stages and inside each: before every power-iteration product, Hutchinson
   * probe, ascent step and random direction.
   */
  isCancelled?: () => boolean;
  signal?: AbortSignal;
}

interface Ctx {
  lossFn: LossFn;
  hvp: HvpFn;
  params: Params;
  opts: SharpnessReportOptions;
  stages: SharpnessStage[];
  seed: number;
}

/**
 * Runs `fn` when `stage` is selected (null otherwise), with progress tagged by stage and the
 * run's cancellation passed through.
 */
async function runStage<T>(
  ctx: Ctx,
  stage: SharpnessStage,
  fn: (run: RunOptions & { onProgress: (p: Progress) => void }) => Promise<T>,
): Promise<T | null> {
  const stageIndex = ctx.stages.indexOf(stage);
  if (stageIndex < 0) return null;
  throwIfCancelled({ isCancelled: ctx.opts.isCancelled, signal: ctx.opts.signal });
  const onProgress = (p: Progress) =>
    ctx.opts.onProgress?.({ ...p, stage, stageIndex, stageCount: ctx.stages.length });
  onProgress({ done: 0, total: 1 });
  return fn({ onProgress, isCancelled: ctx.opts.isCancelled, signal: ctx.opts.signal });
}

/** λ_max and the trace; the eigenvector is kept only as long as the deflated trace needs it. */
async function curvature(ctx: Ctx): Promise<Pick<SharpnessReport, 'lambdaMax' | 'trace'>> {
  const { hvp, params, opts, seed } = ctx;
  let eig: EigenResult | null = null;
  try {
    eig = await runStage(ctx, 'lambdaMax', (run) =>
      hessianLambdaMax(hvp, params, { seed, ...opts.eigen, ...run }),
    );
    const trace = await runStage(ctx, 'trace', (run) => {
      const deflate = opts.deflateTrace && eig ? eig : undefined;
      return hessianTrace(hvp, params, { seed, ...opts.trace, ...run, deflate });
    });
    const lambdaMax = eig && { value: eig.value, iterations: eig.iterations };
    return { lambdaMax, trace };
  } finally {
    if (eig) disposeParams(eig.vector);
  }
}

/** The four sharpness measures (worst and average case, each plain and adaptive). */
async function sharpnessStages(ctx: Ctx) {
  const { lossFn, params, opts, seed } = ctx;
  const rho = opts.rho ?? 0.05;
  const worst = await runStage(ctx, 'rhoSharpness', (run) =>
    rhoSharpness(lossFn, params, { seed, ...opts.worstCase, ...run, rho }),
  );
  const adaptive = await runStage(ctx, 'adaptiveSharpness', (run) =>
    adaptiveRhoSharpness(lossFn, params, {
      seed,
      ...opts.adaptive,
      ...run,
      rho: opts.adaptiveRho ?? 2,
    }),
  );
  const average = await runStage(ctx, 'averageSharpness', (run) =>
    averageSharpness(lossFn, params, { seed, ...opts.average, ...run, rho, direction: 'gaussian' }),
  );
  const adaptiveAverage = await runStage(ctx, 'adaptiveAverageSharpness', (run) =>
    averageSharpness(lossFn, params, {
      seed,
      ...opts.average,
      ...run,
      rho: opts.adaptiveAverageRho ?? rho,
      direction: 'adaptive',
    }),
  );
  const mSets = opts.mSets;
  const mSharp = mSets
    ? await runStage(ctx, 'mSharpness', (run) =>
        mSharpness(mSets.losses, params, { seed, ...opts.worstCase, ...run, rho, m: mSets.m }),
      )
    : null;
  return {
    mSharpness: mSharp,
    rhoSharpness: worst,
    adaptiveSharpness: adaptive,
    averageSharpness: average,
    adaptiveAverageSharpness: adaptiveAverage,
  };
}

/**
 * λ_max (power iteration), tr(H) (Hutchinson), worst-case ρ-sharpness, adaptive ρ-sharpness and
 * average-case sharpness (plain and adaptive) of the same loss at the same weights, with one options object and one
 * progress callback. The Hessian stages are those of `hessianLambdaMax` / `hessianTrace` on the
 * objective's exact Hessian-vector products. Each stage reports progress within itself (per product, probe,
 * ascent step or direction) and cancellation is polled there too.
 *
 * @param objective - mean loss over a fixed sample, eval mode (differentiable w.r.t. `params`),
 *   and its Hessian-vector products (e.g. `modelObjective`).
 * @param params - weights w (e.g. `layer0/kernel` [kh, kw, in, out]); not modified or disposed.
 * @returns plain numbers (see {@link SharpnessReport}); skipped stages are null.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export async function sharpnessReport(
  objective: Objective,
  params: Params,
  opts: SharpnessReportOptions = {},
): Promise<SharpnessReport> {
  const started = Date.now();
  const wanted = opts.stages ?? SHARPNESS_STAGES;
  // m-sharpness needs its sets of m samples: without them it is not a stage of this report.
  const stages = SHARPNESS_STAGES.filter(
    (s) => wanted.includes(s) && (s !== 'mSharpness' || opts.mSets),
  );
  const lossFn = objective.loss;
  const ctx: Ctx = { lossFn, hvp: objective.hvp, params, opts, stages, seed: opts.seed ?? 0 };
  throwIfCancelled({ isCancelled: opts.isCancelled, signal: opts.signal });
  const base = tf.tidy(() => lossFn(params));
  const baseLoss = (await base.data())[0]!;
  base.dispose();
  const { lambdaMax, trace } = await curvature(ctx);
  const sharp = await sharpnessStages(ctx);
  const n = Object.values(params).reduce((a, t) => a + t.size, 0);
  const rho = opts.rho ?? 0.05;
  return {
    parameters: n,
    baseLoss,
    lambdaMax,
    trace,
    ...sharp,
    quadraticWorstCase: lambdaMax ? 0.5 * lambdaMax.value * rho * rho : null,
    quadraticAverageCase: trace ? 0.5 * rho * rho * trace.trace : null,
    elapsedMs: Date.now() - started,
  };
}
