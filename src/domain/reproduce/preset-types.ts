/** The shape of a Reproduce preset: its training setup, how it probes solutions, its claims. */
import type { ConnectConfig, FlatMinimaSettings, OptimizerId, TrainConfig } from '../api';
import type { CurvatureSettings } from '../curvature';

/**
 * What a run is measured by. `testError` is on the whole test set; `trainLoss` on the whole
 * training subset (the "near-zero training loss" regime check); `barrier` is max over α of
 * L(θ(α)) minus the chord, baseline → arm; `curveBarrier` the same along a curve with one trained
 * bend between them (Garipov et al. 2018); `ensembleTestError` is the test error of the run's
 * prediction rule: FGE's ensemble of all its snapshots, any other run's solution; `mSharpness`
 * is Foret et al.'s m-sharpness of the solution; `nonConvexShare` and `curvatureRatio` summarise Li et
 * al.'s convexity map over a random filter-normalised plane (`domain/curvature.ts`): the share of
 * points with λ_min < −ε·λ_max and the mean |λ_min/λ_max|.
 */
export type Measure =
  | 'testError'
  | 'trainLoss'
  | 'basinWidth'
  | 'lambdaMax'
  | 'barrier'
  | 'ensembleTestError'
  | 'mSharpness'
  | 'curveBarrier'
  | 'nonConvexShare'
  | 'curvatureRatio';

/** Barriers: measured from the baseline arm's solution, judged against a tolerance. */
export type BarrierMeasure = 'barrier' | 'curveBarrier';

/**
 * One observation of a paper, as a test on paired per-seed effects (same seed: same initial
 * weights and data order for every optimizer). `lower`/`higher`: the effect is `a` − `b` (relative
 * to |b| when `relative`), claimed negative/positive; `nearZero`/`positive`: the effect is `a`'s
 * barrier − `tolerance`, claimed negative/positive.
 */
export type Claim =
  | {
      kind: 'lower' | 'higher';
      text: string;
      measure: Exclude<Measure, BarrierMeasure>;
      /** Arm ids ({@link Arm.id}). */
      a: string;
      b: string;
      /** Differences relative to |b| (scale-free measures like λ_max and widths). */
      relative: boolean;
    }
  | {
      kind: 'nearZero' | 'positive';
      text: string;
      measure: BarrierMeasure;
      /** The arm whose barrier from the baseline arm ({@link baselineArm}) is judged. */
      a: string;
      /** The barrier height (train loss) that separates "one basin" from "a barrier". */
      tolerance: number;
    };

/** How the solutions are probed after training. */
export interface ProbeSettings {
  /** Random filter-normalised directions for the basin width (shared by the runs of a seed). */
  directions: number;
  slicePoints: number;
  /** Slices run over t ∈ [−sliceRange, sliceRange]. */
  sliceRange: number;
  /** Basin width at train loss ≤ L(w) + basinRise along each direction. */
  basinRise: number;
  /** Samples of train and test for slices and θ(α). */
  evalSamples: number;
  /** Training samples of the λ_max estimate. */
  sharpnessSamples: number;
  /** m-sharpness (Foret et al. §4.1) at ρ and set size m on the sharpness sample, if measured. */
  mSharpness?: { m: number; rho: number };
  /** Points of θ(α) on α ∈ [0, 1]. */
  interpolationPoints: number;
  /** Test images the final test error is measured on (10,000: the whole test set). */
  testSamples: number;
  /** How `curveBarrier` trains its curve (its points are `interpolationPoints`, no plane). */
  curve?: Pick<ConnectConfig, 'kind' | 'epochs' | 'batchSize' | 'lr' | 'momentum' | 'weightDecay'>;
  /**
   * The convexity map's grid (over [−range, range]² of a random filter-normalised plane shared by
   * the runs of a seed, on `evalSamples` training samples) and its Lanczos budget per point.
   */
  curvature?: CurvatureSettings & { range: number };
}

export type PresetId =
  | 'swa-vs-sgd'
  | 'sam-vs-sgd'
  | 'kaddour'
  | 'all-four'
  | 'fge-vs-swa'
  | 'm-sharpness'
  | 'sam-order'
  | 'mode-connectivity'
  | 'skip-connections';

/** What an arm changes over the preset's training settings (`flat` is merged key by key). */
export type ArmTrain = Partial<Omit<TrainConfig, 'optimizer' | 'seed' | 'flat'>> & {
  flat?: Partial<FlatMinimaSettings>;
};

/**
 * One arm of a preset: what one run of every seed trains. Arms of one seed are paired (same
 * initial weights and data order) unless an arm shifts its seed, e.g. the second endpoint of a
 * mode-connecting curve, which must be an independently trained solution.
 */
export interface Arm {
  /** Key of the arm in the measures and the claims, e.g. 'sgd' or 'sam-2nd'. */
  id: string;
  /** Its name in tables, verdicts and progress, e.g. "SAM (second order)". */
  label: string;
  optimizer: OptimizerId;
  /** Settings over the preset's `train`. */
  train?: ArmTrain;
  /** The run's seed is the preset's seed plus this (absent: 0, paired with the other arms). */
  seedOffset?: number;
}

export interface Preset {
  id: PresetId;
  /** The full preset, or its tiny variant for browser tests (same claims, seconds to run). */
  size: 'full' | 'quick';
  /** The button reads "Reproduce: " + label. */
  label: string;
  paper: string;
  observation: string;
  /** Why this regime can show the effect, with the literature it follows. */
  regime: string;
  /** Everything but the optimizer and seed, which the preset sets per run. */
  train: Omit<TrainConfig, 'optimizer' | 'seed'>;
  /** What every seed trains; the first is the baseline (barriers are measured from it). */
  arms: Arm[];
  /** Paired seeds: each trains every optimizer from the same initial weights and data order. */
  seeds: number[];
  probe: ProbeSettings;
  claims: Claim[];
}
