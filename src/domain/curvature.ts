/**
 * Li et al.'s (2018, §6, Fig. 7) convexity map as plain data: the extreme Hessian eigenvalues at
 * each point of a grid on the landscape's plane, the ratio |λ_min/λ_max| they map, and the summary
 * numbers this app reports for it. One copy for the engine, the worker, the panel and the presets.
 */
import type { AxesInfo, LandscapeConfig, Progress, WeightsRef } from './api';

/** Extreme eigenvalues over w + a·d1 + b·d2; matrices row-major, rows indexed by b, columns by a. */
export interface CurvatureMapValues {
  a: number[];
  b: number[];
  lambdaMin: number[][];
  lambdaMax: number[][];
  /** Hessian-vector products (Lanczos steps) each point took. */
  iterations: number[][];
  /** Whether each point's Lanczos met its tolerance within `maxIter` products. */
  converged: boolean[][];
  elapsedMs: number;
}

/** How the map is computed: its grid and the Lanczos budget per point. */
export interface CurvatureSettings {
  /** Points per axis (a coarse grid: every point costs up to `maxIter` Hessian-vector products). */
  gridSize: number;
  /** Hessian-vector products per point at most (the Krylov dimension). */
  maxIter: number;
  /** Residual tolerance relative to max(|λ_min|, |λ_max|). */
  tol: number;
}

/** Li et al. ran ARPACK at tol 1e-2; 1e-3 keeps the error ten times below {@link CONVEXITY_EPSILON}. */
export const DEFAULT_CURVATURE: CurvatureSettings = { gridSize: 9, maxIter: 40, tol: 1e-3 };

/**
 * The map of `ref`'s weights on the plane its landscape with `config` is drawn on (the same
 * directions, range, samples and labels), on a coarser `settings.gridSize` grid.
 */
export interface CurvatureJob {
  ref: WeightsRef;
  config: LandscapeConfig;
  settings: CurvatureSettings;
}

export interface CurvatureMapResult extends CurvatureMapValues {
  ref: WeightsRef;
  settings: CurvatureSettings;
  axes: AxesInfo;
  /** Training samples the loss (and so its Hessian) is averaged over. */
  samples: number;
  /**
   * True where the landscape recomputes BatchNorm statistics at every point: the Hessian is then
   * that of the eval-mode loss with the stored statistics held fixed.
   */
  storedStatistics: boolean;
}

/**
 * A point counts as non-convex when λ_min < −ε·λ_max: Li et al. call a region non-convex where
 * λ_min is "significantly negative" relative to λ_max, without a number; ε = 5% is ours.
 */
export const CONVEXITY_EPSILON = 0.05;

/** |λ_min/λ_max| (Li et al.'s map value): near 0 in convex regions, large with negative curvature. */
export function curvatureRatio(lambdaMin: number, lambdaMax: number): number {
  return Math.abs(lambdaMin / lambdaMax);
}

/** The ratio at every point, shaped like the map. */
export function ratioMatrix(v: Pick<CurvatureMapValues, 'lambdaMin' | 'lambdaMax'>): number[][] {
  return v.lambdaMin.map((row, j) => row.map((m, i) => curvatureRatio(m, v.lambdaMax[j]![i]!)));
}

export interface ConvexitySummary {
  points: number;
  epsilon: number;
  /** Share of points with λ_min < −ε·λ_max (0..1). */
  negativeShare: number;
  /** Mean of |λ_min/λ_max| over the points. */
  meanRatio: number;
  /** Points whose Lanczos did not meet its tolerance (their λ_min may be underestimated in size). */
  unconverged: number;
}

/** The map's summary numbers: the share of markedly non-convex points and the mean ratio. */
export function convexitySummary(
  v: Pick<CurvatureMapValues, 'lambdaMin' | 'lambdaMax' | 'converged'>,
  epsilon = CONVEXITY_EPSILON,
): ConvexitySummary {
  const mins = v.lambdaMin.flat();
  const maxs = v.lambdaMax.flat();
  const ratios = ratioMatrix(v).flat();
  const negative = mins.filter((m, i) => m < -epsilon * maxs[i]!).length;
  const n = mins.length;
  return {
    points: n,
    epsilon,
    negativeShare: n > 0 ? negative / n : NaN,
    meanRatio: n > 0 ? ratios.reduce((s, r) => s + r, 0) / n : NaN,
    unconverged: v.converged.flat().filter((c) => !c).length,
  };
}

/** The worker's convexity-map method (part of `FlatlandWorkerApi`). */
export interface CurvatureApi {
  /**
   * Li et al.'s convexity map of `job.ref`'s weights on its landscape's plane: λ_min and λ_max
   * at every point of a coarse grid. Cancellable like the other analysis jobs (`cancel`);
   * progress counts Hessian-vector products.
   */
  curvatureMap(job: CurvatureJob, onProgress: (p: Progress) => void): Promise<CurvatureMapResult>;
}
