/**
 * The UI thread's handle on the engine worker. All training and evaluation happens in the worker;
 * callbacks cross the thread boundary as Comlink proxies.
 */
import * as Comlink from 'comlink';
import type {
  BackendInfo,
  BackendRequest,
  DatasetId,
  DatasetInfo,
  FlatlandWorkerApi,
  GridResult,
  InterpolationConfig,
  InterpolationResult,
  LandscapeConfig,
  LandscapeParts,
  PlaneValue,
  PointValue,
  ProbeImages,
  Progress,
  RunExport,
  RunImport,
  RunInfo,
  RunLandscape,
  RunLandscapeJob,
  RunLandscapeProgress,
  SharpnessConfig,
  SharpnessProgress,
  SharpnessReport,
  SliceResult,
  TrainConfig,
  TrainEvent,
  TrainSummary,
  TrajectoryResult,
  WeightsRef,
} from '../domain/api';

/** The same operations as the worker API, with plain callbacks (proxying is done here). */
export interface EngineClient {
  init: (request: BackendRequest) => Promise<BackendInfo>;
  loadDataset: (id: DatasetId) => Promise<DatasetInfo>;
  train: (config: TrainConfig, onEvents: (events: TrainEvent[]) => void) => Promise<TrainSummary>;
  pause: () => Promise<void>;
  resume: () => Promise<void>;
  stop: () => Promise<void>;
  slice1d: (config: LandscapeConfig, onProgress: (p: Progress) => void) => Promise<SliceResult>;
  grid2d: (
    config: LandscapeConfig,
    onProgress: (p: Progress) => void,
    onCoarse?: (grid: GridResult) => void,
  ) => Promise<GridResult>;
  evaluateAt: (t: number) => Promise<PointValue>;
}

/** The perturbation sliders' extra operations: the 2D plane and the strip of test images. */
export interface ProbeClient {
  evaluateAt2d: (a: number, b: number) => Promise<PlaneValue>;
  probeImages: () => Promise<ProbeImages>;
}

/**
 * The analysis tools' operations (run list, θ(α), sharpness, cancel). Kept apart from
 * EngineClient so that test doubles of the training flow need not stub them.
 */
export interface AnalysisClient {
  listRuns: () => Promise<RunInfo[]>;
  interpolate: (
    config: InterpolationConfig,
    onProgress: (p: Progress) => void,
  ) => Promise<InterpolationResult>;
  sharpness: (
    config: SharpnessConfig,
    onProgress: (p: SharpnessProgress) => void,
  ) => Promise<SharpnessReport>;
  cancel: () => Promise<void>;
}

/**
 * The run list's operations: a four-optimizer comparison, deleting a run and choosing the
 * weights the landscape explores. Apart from EngineClient for the same reason as AnalysisClient.
 */
export interface RunsClient {
  compare: (
    config: TrainConfig,
    onEvents: (runId: string, events: TrainEvent[]) => void,
  ) => Promise<RunInfo[]>;
  deleteRun: (runId: string) => Promise<void>;
  selectWeights: (ref: WeightsRef) => Promise<void>;
}

/** Saving and restoring runs: their events and weights leave and re-enter the worker. */
export interface PersistenceClient {
  exportRun: (runId: string | null, checkpointsFrom?: number) => Promise<RunExport | null>;
  importRun: (run: RunImport) => Promise<RunInfo>;
  renameRun: (runId: string, name: string) => Promise<RunInfo>;
  /** Explores a restored run with its saved landscape's directions, so the sliders work on it. */
  restoreLandscape: (
    ref: WeightsRef,
    config: LandscapeConfig,
    parts: LandscapeParts,
  ) => Promise<void>;
}

/** Every ArrayBuffer of an import, so the weights move to the worker instead of being copied. */
function importBuffers(run: RunImport): ArrayBuffer[] {
  const w = run.weights;
  const arrays = [...w.checkpoints, w.final, w.state, w.averaged?.params, w.averaged?.state];
  return [...new Set(arrays.filter((a) => !!a).map((a) => a!.buffer as ArrayBuffer))];
}

/** Trajectories of a comparison and landscapes of any run (side by side, Reproduce presets). */
export interface ExploreClient {
  trajectories: () => Promise<TrajectoryResult | null>;
  trajectoryPca: () => Promise<TrajectoryResult>;
  runLandscape: (
    job: RunLandscapeJob,
    onProgress: (p: RunLandscapeProgress) => void,
  ) => Promise<RunLandscape>;
}

/**
 * Starts the worker. `onCrash` reports errors that escape every RPC (a worker script that fails to
 * load, an uncaught exception): pending calls would otherwise wait forever without a word.
 */
export function createWorkerClient(
  onCrash: (message: string) => void,
): EngineClient & AnalysisClient & RunsClient & ProbeClient & PersistenceClient & ExploreClient {
  const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event) => {
    onCrash(event.message || 'The engine worker failed to start');
  });
  worker.addEventListener('messageerror', () => {
    onCrash('A message from the engine worker could not be read');
  });
  const api = Comlink.wrap<FlatlandWorkerApi>(worker);
  return {
    init: (request) => api.init(request),
    loadDataset: (id) => api.loadDataset(id),
    train: (config, onEvents) => api.train(config, Comlink.proxy(onEvents)),
    pause: () => api.pause(),
    resume: () => api.resume(),
    stop: () => api.stop(),
    slice1d: (config, onProgress) => api.slice1d(config, Comlink.proxy(onProgress)),
    grid2d: (config, onProgress, onCoarse) =>
      api.grid2d(config, Comlink.proxy(onProgress), onCoarse && Comlink.proxy(onCoarse)),
    evaluateAt: (t) => api.evaluateAt(t),
    evaluateAt2d: (a, b) => api.evaluateAt2d(a, b),
    probeImages: () => api.probeImages(),
    listRuns: () => api.listRuns(),
    interpolate: (config, onProgress) => api.interpolate(config, Comlink.proxy(onProgress)),
    sharpness: (config, onProgress) => api.sharpness(config, Comlink.proxy(onProgress)),
    cancel: () => api.cancel(),
    compare: (config, onEvents) => api.compare(config, Comlink.proxy(onEvents)),
    deleteRun: (runId) => api.deleteRun(runId),
    selectWeights: (ref) => api.selectWeights(ref),
    exportRun: (runId, from) => api.exportRun(runId, from),
    importRun: (run) => api.importRun(Comlink.transfer(run, importBuffers(run))),
    renameRun: (runId, name) => api.renameRun(runId, name),
    restoreLandscape: (ref, config, parts) => api.restoreLandscape(ref, config, parts),
    trajectories: () => api.trajectories(),
    trajectoryPca: () => api.trajectoryPca(),
    runLandscape: (job, onProgress) => api.runLandscape(job, Comlink.proxy(onProgress)),
  };
}
