/**
 * RPC types of the analysis tools: directions, θ(α) interpolation and sharpness.
 * Re-exported by `api.ts`; structured-clone serialisable.
 */
import type { SharpnessProgress, SharpnessReport, SharpnessStage } from './sharpness';
import type { GridResult, LandscapeConfig, Progress, SliceResult } from './api';

// Mode-connecting curves (`connect`), a tool of their own file.
export type * from './api-connect';

/**
 * Kinds of directions (Li et al. 2018): seeded Gaussian (`random`); the top two principal
 * components of the run's trajectory (`pca`, §7); towards another checkpoint or run
 * (`checkpoint`); the top Hessian eigenvector (`eigenvector`); the loss gradient (`gradient`).
 */
export type DirectionKind = 'random' | 'pca' | 'checkpoint' | 'eigenvector' | 'gradient';

export interface DirectionOptions {
  /** Direction of the 1D slice and d1 of the 2D grid. */
  kind1: DirectionKind;
  /** d2 of the 2D grid (`pca` gives PC2 when d1 is PC1). */
  kind2: DirectionKind;
  normalization: 'filter' | 'layer' | 'none';
  /** Zero the directions' biases and BatchNorm parameters (Li et al.'s default). */
  ignoreBiasBn: boolean;
  /** Gram–Schmidt d2 against d1. */
  orthogonalize: boolean;
  /** The other end for `checkpoint` directions. */
  towards?: WeightsRef;
  /**
   * Share this run's raw random draw (same seed and shapes): every run normalises it against its
   * own weights (Li et al. 2018 §4), so runs are cut along the same random direction at their
   * own filter norms. Gradient and eigenvector directions stay each run's own.
   */
  shareWith?: string;
}

/**
 * The labels a training-loss evaluation uses: the run's own training labels (`trained`, label
 * noise included: the loss the run minimised; the default) or the dataset's `clean` ones.
 */
export type LabelChoice = 'trained' | 'clean';

/**
 * The fixed samples a landscape or θ(α) is evaluated on: the run's own per-epoch metric samples
 * (its metric seed, see `EvalSets`), so with the same count and the trained labels the values at
 * the run's weights are exactly its reported train and test loss.
 */
export interface EvalSamples {
  /** Samples of train and of test (fixed, seeded; 0 or more than there are: all). */
  evalSamples: number;
  /** Labels of the training samples (default `trained`: the run's own, label noise included). */
  labels?: LabelChoice;
}

/** What the axes of a plot are, for labels and fair comparisons. */
export interface AxesInfo {
  label1: string;
  label2: string;
  /** cos(d1, d2): ~0 for random directions in high dimension, exactly 0 when orthogonalised. */
  cosine: number;
  /** PCA: explained variance ratios of PC1 and PC2. */
  explained?: [number, number];
  /** PCA: the run's trajectory projected on the plane (the last point is the origin). */
  path?: { a: number[]; b: number[] };
}

/** Which weights of a run: the final ones, the SWA/WASAM average, the initial ones or an epoch's. */
export type WeightsChoice = 'final' | 'averaged' | 'initial' | { epoch: number };

export interface WeightsRef {
  runId: string;
  which: WeightsChoice;
}

/** Which of a saved landscape's directions `restoreLandscape` builds again: the slice's, the plane. */
export interface LandscapeParts {
  slice: boolean;
  grid: boolean;
}

/** θ(α) = (1 − α)·A + α·B over `points` values of α on [from, to] (default 41 on [−0.5, 1.5]). */
export interface InterpolationConfig extends EvalSamples {
  a: WeightsRef;
  b: WeightsRef;
  points: number;
  from: number;
  to: number;
  seed: number;
}

export interface InterpolationResult {
  alpha: number[];
  trainLoss: number[];
  testLoss: number[];
  trainAcc: number[];
  testAcc: number[];
}

/** Sharpness of one set of weights, measured on a fixed, seeded sample of its training subset. */
export interface SharpnessConfig {
  weights: WeightsRef;
  /** Training samples the loss is averaged over (the Hessian needs a full pass per gradient). */
  samples: number;
  seed: number;
  /** Worst-case radius ρ; per-weight σ (absolute, resp. × |wᵢ|) of the average cases (0.05). */
  rho: number;
  /** ρ of adaptive (ASAM, T = |w|) sharpness (default 2, davda54/sam). */
  adaptiveRho: number;
  /** m of the m-sharpness: the size of each disjoint set of samples (default 50). */
  m?: number;
  /** Which measures to run; all when absent. */
  stages?: SharpnessStage[];
  /** At most this many Hessian-vector products per power iteration of λ_max (default 100). */
  powerIterations?: number;
  /** Rademacher probes of the Hutchinson trace (default 100, PyHessian's). */
  traceProbes?: number;
  /** Labels of the training samples (default `trained`: label noise included). */
  labels?: LabelChoice;
}

export type { SharpnessProgress, SharpnessReport, SharpnessStage };

/** One run's path on the trajectory plane: its checkpoints (w₀, then each epoch) in order. */
export interface TrajectoryPath {
  runId: string;
  /** Epoch of each point (0: the initial weights). */
  epochs: number[];
  a: number[];
  b: number[];
  /** The SWA/WASAM average (the run's solution), off the path of iterates. */
  averaged?: { a: number; b: number };
}

/**
 * Trajectories of a comparison's runs on one plane through their common initial weights w₀: a
 * fixed random filter-normalised plane while they train, the PCA plane of all of them at the end.
 */
export interface TrajectoryResult {
  plane: 'random' | 'pca';
  label1: string;
  label2: string;
  /** PCA: explained variance ratios of PC1 and PC2. */
  explained?: [number, number];
  paths: TrajectoryPath[];
}

/** The 1D slice and 2D grid of one run's weights, computed without changing the explored ones. */
export interface RunLandscape {
  ref: WeightsRef;
  slice: SliceResult;
  grid: GridResult | null;
}

/** What `runLandscape` computes: the slice of `ref`'s weights, and the grid when `grid`. */
export interface RunLandscapeJob {
  ref: WeightsRef;
  config: LandscapeConfig;
  grid: boolean;
}

/** Progress of a run's landscape: the slice first, then the grid. */
export interface RunLandscapeProgress extends Progress {
  phase: 'slice' | 'grid';
}

export type * from './api-ensembles';
