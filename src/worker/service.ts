import * as Comlink from 'comlink';
import { loadDataset, type Dataset } from '../data/load';
import type {
  DatasetId,
  FlatlandWorkerApi,
  LandscapeConfig,
  OptimizerId,
  RunInfo,
  SharpnessConfig,
  SharpnessProgress,
  TrainConfig,
  TrainEvent,
  TrainSummary,
  RunLandscapeJob,
  RunLandscapeProgress,
  WeightsRef,
} from './api';
import type { Params } from '../engine/types';
import { selectBackend, watchDeviceLoss } from './backend';
import { interpolateRuns } from './interpolation';
import { EvalSets, LandscapeSession } from './landscape';
import { RunControl } from './run-control';
import { weightBuffers, type RunExport, type RunImport } from './run-export';
import { importedModel, LiveRun, runSpec } from './run-import';
import { RUN_COLORS, RunStore } from './runs';
import { measureSharpness } from './sharpness';
import { runTraining } from './train-loop';
import { pcaTrajectories, runLandscape, TrajectoryTracker } from './trajectories';

/** Mutable state of the worker: loaded datasets, runs, the running job and the explored weights. */
interface WorkerState {
  datasets: Map<DatasetId, Dataset>;
  runs: RunStore;
  sets: EvalSets;
  control: RunControl | null;
  session: LandscapeSession | null;
  /** The run whose weights the session explores. */
  sessionRunId: string | null;
  loadDataset: (id: DatasetId) => Promise<Dataset>;
  landscapeConfig: LandscapeConfig | null;
  /** Set by `cancel()`; polled by the running landscape/interpolation/sharpness job. */
  cancelled: boolean;
  /** Set when the GPU device is lost; every later call fails with it. */
  deviceLost: string | null;
  /** The run being trained, recorded for saving while it progresses. */
  live: LiveRun | null;
  /** The last comparison's trajectories. */
  trajectory: TrajectoryTracker | null;
}

/** The optimizers of a comparison, in the order they are trained and listed. */
export const COMPARE_ORDER: OptimizerId[] = ['sgd', 'swa', 'sam', 'wasam'];

async function getDataset(s: WorkerState, id: DatasetId): Promise<Dataset> {
  let ds = s.datasets.get(id);
  if (!ds) {
    ds = await s.loadDataset(id);
    s.datasets.set(id, ds);
  }
  return ds;
}

function requireSession(s: WorkerState): LandscapeSession {
  if (s.deviceLost) throw new Error(s.deviceLost);
  if (!s.session) throw new Error('Train a model first: there are no weights to explore.');
  return s.session;
}

function select(s: WorkerState, ref: WeightsRef): void {
  s.runs.weights(ref); // fails early on a bad reference
  s.session?.dispose();
  s.session = new LandscapeSession(s.runs, ref, s.sets);
  s.sessionRunId = ref.runId;
}

function deleteRun(s: WorkerState, runId: string): void {
  if (s.sessionRunId === runId) {
    s.session?.dispose();
    s.session = null;
    s.sessionRunId = null;
  }
  s.runs.delete(runId);
}

/** Trains one run, stores it and makes its solution the explored weights. */
async function trainOne(
  s: WorkerState,
  config: TrainConfig,
  onEvents: (runId: string, events: TrainEvent[]) => void,
  track?: TrajectoryTracker,
): Promise<RunInfo> {
  if (s.deviceLost) throw new Error(s.deviceLost);
  const id = s.runs.nextId();
  const dataset = await getDataset(s, config.dataset);
  const control = new RunControl();
  s.control = control;
  const name = s.runs.defaultName(config.optimizer);
  const spec = runSpec(config, dataset.classes.length);
  const live = new LiveRun(id, name, RUN_COLORS[config.optimizer], config, spec);
  s.live = live;
  try {
    const emit = (events: TrainEvent[]) => {
      live.events.push(...events);
      onEvents(id, events);
    };
    const onEpochEnd = live.record.bind(live);
    const onCheckpoint = track && ((epoch: number, p: Params) => track.add(id, epoch, p));
    const hooks = { control, emit, onEpochEnd, ...(onCheckpoint ? { onCheckpoint } : {}) };
    const { summary, model } = await runTraining(config, dataset, hooks);
    const info = s.runs.add(id, config, summary, model, dataset, live.events, name);
    select(s, s.runs.solution(info.id));
    return info;
  } finally {
    if (s.control === control) s.control = null;
    if (s.live === live) s.live = null;
  }
}

async function compare(
  s: WorkerState,
  config: TrainConfig,
  onEvents: (runId: string, events: TrainEvent[]) => void,
): Promise<RunInfo[]> {
  const out: RunInfo[] = [];
  s.trajectory?.dispose();
  const track = new TrajectoryTracker(config.seed);
  s.trajectory = track;
  for (const optimizer of COMPARE_ORDER) {
    const info = await trainOne(s, { ...config, optimizer }, onEvents, track);
    const averaged = s.runs.get(info.id).model.averaged;
    if (averaged) await track.addAveraged(info.id, averaged.params);
    out.push(info);
    if (info.summary.status === 'stopped') break;
  }
  return out;
}

function initialState(loader: WorkerState['loadDataset']): WorkerState {
  return {
    sessionRunId: null,
    loadDataset: loader,
    datasets: new Map(),
    runs: new RunStore(),
    sets: new EvalSets(),
    control: null,
    session: null,
    landscapeConfig: null,
    cancelled: false,
    deviceLost: null,
    live: null,
    trajectory: null,
  };
}

/** Builds the RPC surface; callbacks arrive as Comlink proxies. */
export function createWorkerApi(
  loader: (id: DatasetId) => Promise<Dataset> = (id) => loadDataset(id),
): FlatlandWorkerApi {
  const s = initialState(loader);
  return {
    async init(request) {
      const info = await selectBackend(request);
      watchDeviceLoss((message) => {
        s.deviceLost = message;
        s.control?.fail(message);
      });
      return info;
    },
    async loadDataset(id) {
      const t0 = performance.now();
      const ds = await getDataset(s, id);
      return { id, train: ds.train.count, test: ds.test.count, loadMs: performance.now() - t0 };
    },
    train: async (config, onEvents): Promise<TrainSummary> =>
      (await trainOne(s, config, (_id, events) => onEvents(events))).summary,
    compare: (config, onEvents) => compare(s, config, onEvents),
    async pause() {
      s.control?.pause();
    },
    async resume() {
      s.control?.resume();
    },
    async stop() {
      // Stop means stop everything: training and any landscape/interpolation/sharpness job.
      s.control?.stop();
      s.cancelled = true;
    },
    ...landscapeMethods(s),
    ...persistenceMethods(s),
    ...trajectoryMethods(s),
  };
}

/** Hands the weights over without a copy (Comlink transfers them; in Node it is a no-op). */
function transferred(run: RunExport): RunExport {
  return Comlink.transfer(run, weightBuffers(run.weights));
}

async function importRun(s: WorkerState, run: RunImport) {
  if (s.deviceLost) throw new Error(s.deviceLost);
  const dataset = await getDataset(s, run.config.dataset);
  const model = importedModel(run, dataset);
  const id = s.runs.claimId(run.id);
  return s.runs.add(id, run.config, run.summary, model, dataset, run.events, run.name);
}

function persistenceMethods(s: WorkerState) {
  return {
    async exportRun(runId: string | null, checkpointsFrom = 0) {
      if (s.live && (runId === null || runId === s.live.id))
        return transferred(s.live.export(checkpointsFrom));
      if (runId === null) return null;
      return transferred(await s.runs.export(runId, checkpointsFrom));
    },
    importRun: (run: RunImport) => importRun(s, run),
    renameRun: async (runId: string, name: string) => s.runs.rename(runId, name),
  };
}

/** Starts a cancellable job: clears an earlier cancel and returns the poll function. */
function job(s: WorkerState): () => boolean {
  s.cancelled = false;
  return () => s.cancelled;
}

function landscapeMethods(s: WorkerState) {
  return {
    async slice1d(
      config: LandscapeConfig,
      onProgress: Parameters<FlatlandWorkerApi['slice1d']>[1],
    ) {
      s.landscapeConfig = config;
      return requireSession(s).slice1d(config, onProgress, job(s));
    },
    async grid2d(
      config: LandscapeConfig,
      onProgress: Parameters<FlatlandWorkerApi['grid2d']>[1],
      onCoarse?: Parameters<FlatlandWorkerApi['grid2d']>[2],
    ) {
      s.landscapeConfig = config;
      return requireSession(s).grid2d(config, onProgress, job(s), onCoarse);
    },
    async evaluateAt(t: number) {
      const session = requireSession(s);
      if (!s.landscapeConfig) throw new Error('Compute the 1D slice first.');
      return session.evaluateAt(t, s.landscapeConfig);
    },
    async evaluateAt2d(a: number, b: number) {
      const session = requireSession(s);
      if (!s.landscapeConfig) throw new Error('Compute the 2D landscape first.');
      return session.evaluateAt2d(a, b, s.landscapeConfig);
    },
    probeImages: async () => requireSession(s).images(),
    listRuns: async () => s.runs.list(),
    deleteRun: async (runId: string) => deleteRun(s, runId),
    selectWeights: async (ref: WeightsRef) => select(s, ref),
    interpolate: (
      config: Parameters<FlatlandWorkerApi['interpolate']>[0],
      onProgress: Parameters<FlatlandWorkerApi['interpolate']>[1],
    ) => interpolateRuns(s.runs, s.sets, config, onProgress, job(s)),
    sharpness: (config: SharpnessConfig, onProgress: (p: SharpnessProgress) => void) =>
      measureSharpness(s.runs, config, onProgress, job(s)),
    async cancel() {
      s.cancelled = true;
    },
  };
}

function trajectoryMethods(s: WorkerState) {
  return {
    trajectories: async () => s.trajectory?.result() ?? null,
    async trajectoryPca() {
      const ids = (s.trajectory?.runIds() ?? []).filter((id) =>
        s.runs.list().some((r) => r.id === id),
      );
      return pcaTrajectories(s.runs, ids);
    },
    runLandscape: (request: RunLandscapeJob, onProgress: (p: RunLandscapeProgress) => void) =>
      runLandscape(s.runs, s.sets, request, onProgress, job(s)),
  };
}
