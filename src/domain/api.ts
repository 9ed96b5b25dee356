/** The typed RPC contract between the UI thread and the engine worker (Comlink); plain data. */
import type { CurvatureApi } from './curvature';
import type {
  ConnectApi,
  DirectionOptions,
  EnsembleApi,
  EvalSamples,
  InterpolationConfig,
  LandscapeParts,
  InterpolationResult,
  RunLandscape,
  RunLandscapeJob,
  RunLandscapeProgress,
  SharpnessConfig,
  SharpnessProgress,
  SharpnessReport,
  TrajectoryResult,
  WeightsRef,
} from './api-analysis';
import type {
  GridResult,
  PlaneValue,
  PointValue,
  ProbeImages,
  Progress,
  RunInfo,
  SliceResult,
} from './api-results';
import type { SamVariantSettings, TrackingEvent } from './api-tracking';
import type { ModelImportApi } from './api-model-import';
import type { BackendInfo, CalibrationEvent } from './api-backend';
import type { ModelChoice } from './model-zoo';
import type { RunExport, RunImport } from './run-export';
import type { DatasetWorkerApi, ToyDatasetId, ToySettings } from './toy-data';
import type { ImportedDataRef } from './imported-data';
export type * from './api-analysis';
export type * from './api-tracking';
export type * from './api-results';
export type * from './api-backend';
export type { RunExport, RunImport, RunWeights } from './run-export';

export type DatasetId = 'mnist' | 'fashion-mnist' | ToyDatasetId | 'imported';
export type ModelId = 'mlp' | 'tiny-cnn' | 'lenet5' | 'bn-cnn';
export type OptimizerId = 'sgd' | 'adam' | 'sam' | 'swa' | 'wasam' | 'fge';
/** The first-order optimizer that SAM, SWA, WASAM and FGE wrap. */
export type BaseOptimizerId = 'sgd' | 'adam';
/** LR schedules (formulas: engine/optim/schedules.ts; `sgd_baseline`: optimizer-config.ts). */
export type ScheduleId =
  'constant' | 'cosine' | 'step' | 'cyclical' | 'swa_linear' | 'swalr' | 'sgd_baseline' | 'fge';
export type BackendId = 'webgpu' | 'webgl' | 'cpu';
export type BackendRequest = BackendId | 'auto';

/**
 * Where forward-only evaluations (landscapes, slices, probes, θ(α)) run: 'auto' calibrates wasm
 * against the training backend per model, 'train' keeps them on the training backend (what a
 * forced `?backend=` means), 'wasm' uses WebAssembly whenever training runs on the CPU.
 */
export type EvaluationMode = 'auto' | 'train' | 'wasm';

/** Everything that defines a training run. `subset` 0 means the whole training set. */
export interface TrainConfig extends ModelChoice {
  dataset: DatasetId;
  subset: number;
  optimizer: OptimizerId;
  lr: number;
  momentum: number;
  weightDecay: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Samples of train and of test used for per-epoch metrics (fixed, seeded). */
  evalSamples: number;
  /** Measure λ_max every this many steps (0 or absent: never; see `api-tracking.ts`). */
  sharpnessEvery?: number;
  /** Flat-minima settings where they apply; absent ones: the paper defaults (`api-defaults.ts`). */
  flat?: Partial<FlatMinimaSettings>;
  /** How a toy dataset's points are generated (`domain/toy-data.ts`); ignored for images. */
  toy?: Partial<ToySettings>;
  imported?: ImportedDataRef; // dataset 'imported': which one (its arrays stay in IndexedDB)
}

/** Hyperparameters of SAM/ASAM (Foret et al. 2021; Kwon et al. 2021), SWA and WASAM. */
export interface FlatMinimaSettings extends SamVariantSettings {
  /** Base optimizer wrapped by SAM, SWA and WASAM. */
  base: BaseOptimizerId;
  /** SAM neighbourhood radius ρ (0.05 for SAM, 2.0 for ASAM as davda54/sam). */
  rho: number;
  m: number; // m-SAM's sub-batch size, a divisor of the batch size (§4.1); 0: the whole batch
  /** ASAM: the scale-invariant perturbation ρ·w²⊙g/‖|w|⊙g‖. */
  adaptive: boolean;
  /** Averaging starts after this fraction of the step budget (0.75: Izmailov et al., Kaddour et al.). */
  swaStart: number;
  /** Average every this many steps; 0 means once per epoch (the papers' code). */
  swaEvery: number;
  /** The SWA learning rate (end of `swa_linear`/`swalr`, low end α2 of `cyclical` and `fge`). */
  swaLr: number;
  schedule: ScheduleId;
  /** StepLR: epochs per decay and the decay factor; cyclical, fge: steps per cycle (0: one epoch). */
  stepSize: number;
  gamma: number;
  cycle: number;
  /** SWALR: epochs of annealing from lr to swaLr once averaging starts, and its shape. */
  annealEpochs: number;
  annealStrategy: 'cos' | 'linear';
  /** Fraction of training labels replaced by uniformly random classes (seeded). */
  labelNoise: number;
}

/** Landscape settings: 1D slice on [-range, range] and a square 2D grid on the same kind of range. */
export interface LandscapeConfig extends EvalSamples {
  slicePoints: number;
  sliceRange: number;
  gridSize: number;
  gridRange: number;
  /** Seed for the random filter-normalised directions. */
  seed: number;
  /** Which directions and how they are normalised; random filter-normalised ones when absent. */
  directions?: Partial<DirectionOptions>;
  /**
   * BatchNorm statistics off the trained weights: the stored ones, or recomputed at every point
   * (as the mode-connectivity code does). Default: recompute for averaged weights, else stored.
   */
  bn?: 'stored' | 'recompute';
}

export interface StepEvent {
  kind: 'step';
  /** 1-based global step; several steps may arrive in one event batch. */
  step: number;
  epoch: number;
  loss: number;
  /** Learning rate used by this step. */
  lr: number;
  totalSteps: number;
  elapsedMs: number;
}

export interface EpochEvent {
  kind: 'epoch';
  epoch: number;
  step: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  /** Metrics of the SWA/WASAM running average (BatchNorm recomputed), once averaging has begun. */
  averaged?: AveragedMetrics;
}

export interface AveragedMetrics {
  nAveraged: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
}

/** Sent once when training starts: what the schedule and averaging resolve to for this run. */
export interface PlanEvent {
  kind: 'plan';
  totalSteps: number;
  stepsPerEpoch: number;
  /** First averaged step (1-based) for SWA/WASAM; absent otherwise. */
  swaStartStep?: number;
  /** Fraction of training labels whose class actually changed under label noise. */
  labelsChanged: number;
}

/**
 * The GPU device was lost mid-run and training went on from its last checkpoint on another
 * backend (`info`); `message` says so in words for the notice.
 */
export interface BackendEvent {
  kind: 'backend';
  info: BackendInfo;
  /** The step of the checkpoint the run continued from. */
  resumedFromStep: number;
  message: string;
}

export type TrainEvent =
  PlanEvent | StepEvent | EpochEvent | BackendEvent | TrackingEvent | CalibrationEvent;

/** Why a run stopped by itself: its loss became non-finite or exploded. */
export interface Divergence {
  /** The step whose loss was non-finite or exploding. */
  step: number;
  /** The step of the weights the run keeps (the last ones with a finite loss). */
  keptStep: number;
  message: string;
}

export interface TrainSummary {
  /** Identifier of the run in the worker's run list (see `listRuns`). */
  runId?: string;
  status: 'finished' | 'stopped';
  steps: number;
  epochs: number;
  elapsedMs: number;
  stepsPerSecond: number;
  final: { trainLoss: number; trainAcc: number; testLoss: number; testAcc: number } | null;
  /** Final metrics of the averaged weights (SWA/WASAM). */
  averaged?: AveragedMetrics;
  /** Set when the loss diverged: the run stopped and keeps its last finite weights. */
  diverged?: Divergence;
}

export interface FlatlandWorkerApi
  extends DatasetWorkerApi, EnsembleApi, ConnectApi, CurvatureApi, ModelImportApi {
  /** Picks the backend (webgpu → webgl → cpu unless forced) and reports what it got. */
  init(request: BackendRequest): Promise<BackendInfo>;
  /** Trains from scratch; events are delivered in batches through the (Comlink-proxied) callback. */
  train(config: TrainConfig, onEvents: (events: TrainEvent[]) => void): Promise<TrainSummary>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** 1D slice of the final weights along a filter-normalised random direction. */
  slice1d(config: LandscapeConfig, onProgress: (p: Progress) => void): Promise<SliceResult>;
  /**
   * 2D grid of the final weights; one GPU readback per row of each pass. Progressive: the coarse
   * grid (every other row and column of the final one) goes first to `onCoarse`; progress: points.
   */
  grid2d(
    config: LandscapeConfig,
    onProgress: (p: Progress) => void,
    onCoarse?: (grid: GridResult) => void,
  ): Promise<GridResult>;
  /**
   * Loss and accuracy at w + t·d for the slice direction of the last `slice1d` call. A call made
   * while an earlier one is in flight supersedes it: that one rejects with a SupersededError.
   */
  evaluateAt(t: number): Promise<PointValue>;
  /** Loss, accuracy and strip predictions at w + a·d1 + b·d2 (the last `grid2d`'s plane); the same rule. */
  evaluateAt2d(a: number, b: number): Promise<PlaneValue>;
  /**
   * After a reload: explores `ref` with the directions of its saved landscape (computed with
   * `config`) built again, no point evaluated, so the perturbation sliders work on the saved
   * plots. Probes sent meanwhile wait for it.
   */
  restoreLandscape(ref: WeightsRef, config: LandscapeConfig, parts: LandscapeParts): Promise<void>;
  /** The strip of test images of the explored weights' dataset. */
  probeImages(): Promise<ProbeImages>;
  /**
   * Trains SGD, SWA, SAM and WASAM one after another from the same seed — the same initial
   * weights and the same data order — with `config`'s other settings. Events carry the run id.
   */
  compare(
    config: TrainConfig,
    onEvents: (runId: string, events: TrainEvent[]) => void,
  ): Promise<RunInfo[]>;
  /** The runs kept in this worker, oldest first. */
  listRuns(): Promise<RunInfo[]>;
  deleteRun(runId: string): Promise<void>;
  /**
   * The weights that slices, grids and the perturbation slider explore. After training it is the
   * new run's solution (its SWA/WASAM average when there is one, else its final weights).
   */
  selectWeights(ref: WeightsRef): Promise<void>;
  /** θ(α) between any two checkpoints of any runs trained on the same dataset and model. */
  interpolate(
    config: InterpolationConfig,
    onProgress: (p: Progress) => void,
  ): Promise<InterpolationResult>;
  /** λ_max, Hutchinson trace, worst-case/adaptive/average-case sharpness of one run's weights. */
  sharpness(
    config: SharpnessConfig,
    onProgress: (p: SharpnessProgress) => void,
  ): Promise<SharpnessReport>;
  /** Cancels a running landscape, interpolation or sharpness job (it rejects as cancelled). */
  cancel(): Promise<void>;
  /**
   * A run's events and weights (checkpoints from `checkpointsFrom` on), transferred as copies;
   * `null` asks for the run that trains now (resolves null when none does).
   */
  exportRun(runId: string | null, checkpointsFrom?: number): Promise<RunExport | null>;
  /** Adds a saved or imported run (weights checked against its model) so it can be analysed. */
  importRun(run: RunImport): Promise<RunInfo>;
  renameRun(runId: string, name: string): Promise<RunInfo>;
  /**
   * The last comparison's trajectories on its fixed random plane, as far as they have trained
   * (null before any comparison); callable while it trains.
   */
  trajectories(): Promise<TrajectoryResult | null>;
  /** The last comparison's trajectories on the PCA plane of all of them (once they have ended). */
  trajectoryPca(): Promise<TrajectoryResult>;
  /** Slice (and grid) of any run's weights; the explored weights and their probe are untouched. */
  runLandscape(
    job: RunLandscapeJob,
    onProgress: (p: RunLandscapeProgress) => void,
  ): Promise<RunLandscape>;
}
