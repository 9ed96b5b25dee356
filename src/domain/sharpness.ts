/**
 * What a sharpness report measured: plain numbers (JSON- and clone-safe), declared here once so
 * that the engine that measures them, the worker that sends them and the UI that shows them share
 * one copy. The measures themselves are in `src/engine/landscape` (hessian.ts, sharpness.ts,
 * sharpness-average.ts, sharpness-report.ts).
 */
import type { Progress } from './api-results';

/** The measures of a sharpness report, in the order they run. */
export type SharpnessStage =
  | 'lambdaMax'
  | 'trace'
  | 'rhoSharpness'
  | 'adaptiveSharpness'
  | 'averageSharpness'
  | 'adaptiveAverageSharpness'
  | 'mSharpness';

export const SHARPNESS_STAGES: readonly SharpnessStage[] = [
  'lambdaMax',
  'trace',
  'rhoSharpness',
  'adaptiveSharpness',
  'averageSharpness',
  'adaptiveAverageSharpness',
  'mSharpness',
];

/** Progress of one stage (done/total within it) and where that stage is in the run. */
export interface SharpnessProgress extends Progress {
  stage: SharpnessStage;
  /** 0-based index among the stages that run. */
  stageIndex: number;
  stageCount: number;
}

/** Hutchinson estimate of tr(H) over `samples` Rademacher vectors. */
export interface TraceResult {
  trace: number;
  /** Standard error of the Monte-Carlo mean. */
  stdError: number;
  samples: number;
}

/** Worst-case ρ-sharpness max_{‖T⁻¹ε‖₂≤ρ} L(w + ε) − L(w) (T = I, or |w| when adaptive). */
export interface WorstCaseResult {
  rho: number;
  adaptive: boolean;
  /** L(w). */
  baseLoss: number;
  /** L(w + ε*) at the best perturbation found. */
  perturbedLoss: number;
  /** S_ρ = L(w + ε*) − L(w): the worst-case loss increase (a lower bound on the true max). */
  sharpness: number;
  /** L(w + ε₀) − L(w) with ε₀ SAM's (ASAM's) one-step perturbation (Foret et al. eq. 2). */
  firstOrderSharpness: number;
  /** ‖T∇L(w)‖₂ (‖∇L(w)‖₂ when not adaptive): ρ times it is the linearised sharpness. */
  gradNorm: number;
  /** ‖ε*‖₂, Euclidean, over all tensors. */
  epsNorm: number;
  /** ‖T⁻¹ε*‖₂ ≤ ρ (equals `epsNorm` when not adaptive). */
  scaledNorm: number;
  /** Losses evaluated inside the ball: K + 1 (K with their gradient, then the last iterate). */
  evaluations: number;
}

/**
 * m-sharpness (Foret et al. 2021 §4.1): the mean over k disjoint sets S of m training samples of
 * max_{‖ε‖₂≤ρ} L_S(w + ε) − L_S(w), each maximum found as the worst-case ρ-sharpness's.
 */
export interface MSharpnessResult {
  m: number;
  rho: number;
  /** k = ⌊n/m⌋ disjoint sets of the n samples (the last n − k·m are left out). */
  sets: number;
  /** The m-sharpness: mean over sets of the best loss increase found (a lower bound). */
  mean: number;
  /** Standard error of that mean over the k sets (NaN for one set). */
  stdError: number;
  /** The same mean with SAM's one-step ε = ρ∇L_S/‖∇L_S‖ per set: what m-SAM's ascent sees. */
  firstOrderMean: number;
  /** Each set's worst-case sharpness, in set order. */
  perSet: number[];
}

/**
 * The random perturbations δ of the average-case sharpness, drawn for every tensor: `gaussian`
 * δᵢ ~ N(0, ρ²); `adaptive` δᵢ ~ N(0, ρ²wᵢ²); `filter` ρ times Li et al.'s filter-normalised
 * direction (see `engine/landscape/sharpness-average.ts`).
 */
export type AverageDirection = 'gaussian' | 'adaptive' | 'filter';

/** Average-case sharpness E L(w + δ) − L(w) over M seeded perturbations. */
export interface AverageCaseResult {
  rho: number;
  direction: AverageDirection;
  samples: number;
  /** L(w). */
  baseLoss: number;
  /** Mean over samples of L(w + dᵢ) − L(w): the average-case sharpness. */
  mean: number;
  /** Sample standard deviation (n − 1) of the increases. */
  std: number;
  /** Standard error of the mean, std/√M. */
  stdError: number;
  /** The M increases L(w + dᵢ) − L(w), in sample order. */
  increases: number[];
}

/** Everything a sharpness report measured: plain numbers, JSON- and clone-safe. */
export interface SharpnessReport {
  /** n, the number of parameters. */
  parameters: number;
  /** L(w). */
  baseLoss: number;
  /** Top Hessian eigenvalue λ_max by power iteration (PyHessian `eigenvalues`). */
  lambdaMax: { value: number; iterations: number } | null;
  /** Hutchinson estimate of tr(H) (PyHessian `trace`), with its standard error. */
  trace: TraceResult | null;
  /** Worst-case ρ-sharpness max_{‖ε‖₂≤ρ} L(w + ε) − L(w) (Foret et al.'s, m = the sample). */
  rhoSharpness: WorstCaseResult | null;
  /** Adaptive worst-case sharpness max_{‖ε/|w|‖₂≤ρ} L(w + ε) − L(w) (Kwon et al.; T = |w|). */
  adaptiveSharpness: WorstCaseResult | null;
  /** Average-case sharpness E L(w + δ) − L(w), δᵢ ~ N(0, ρ²) (Andriushchenko et al. 2023). */
  averageSharpness: AverageCaseResult | null;
  /** Their adaptive average case, δᵢ ~ N(0, ρ²wᵢ²); absent from reports saved before it. */
  adaptiveAverageSharpness?: AverageCaseResult | null;
  /** m-sharpness (Foret et al. §4.1) over disjoint sets of m samples; absent from older reports. */
  mSharpness?: MSharpnessResult | null;
  /**
   * ½·λ_max·ρ²: what worst-case sharpness would be if L were its quadratic model at a minimum
   * (∇L = 0); the gap to `rhoSharpness.sharpness` measures the gradient and non-quadratic terms.
   */
  quadraticWorstCase: number | null;
  /** ½·ρ²·tr(H): the same for the (non-adaptive) average-case sharpness. */
  quadraticAverageCase: number | null;
  elapsedMs: number;
}
