import { loadDataset, type Dataset } from '../data/load';
import type {
  BackendInfo,
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
  WeightsRef,
} from './api';
import { onGpu, selectBackend, selectFallback, watchDeviceLoss } from './backend';
import { interpolateRuns } from './interpolation';
import { EvalSets, LandscapeSession } from './landscape';
import { RunControl } from './run-control';
import { RunStore } from './runs';
import { measureSharpness } from './sharpness';
import { runTraining } from './train-loop';

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
  /** Set when the GPU device is lost; later calls fail with it until training recovers. */
  deviceLost: string | null;
  /** Settles when the last queued job that reads runs or the explored weights has. */
  queue: Promise<void>;
}

/**
 * Runs jobs that read runs or the explored weights one at a time (landscapes, θ(α), sharpness,
 * probes, and what frees weights: selecting, deleting), so none frees tensors another still reads.
 */
function exclusive<T>(s: WorkerState, work: () => Promise<T> | T): Promise<T> {
  const run = s.queue.then(work);
  s.queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** A readback may fail a moment before the device's `lost` promise settles: wait that long. */
const LOSS_SETTLE_MS = 1000;

/**
 * After a failure: if the GPU device was lost, drops everything that lived on it (runs, the
 * explored weights, evaluation samples) and switches to the next backend; null otherwise.
 */
async function recoverDevice(s: WorkerState): Promise<BackendInfo | null> {
  if (!s.deviceLost && !onGpu()) return null;
  for (let waited = 0; !s.deviceLost && waited < LOSS_SETTLE_MS; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const lost = s.deviceLost;
  if (!lost) return null;
  s.session?.dispose();
  s.session = null;
  s.sessionRunId = null;
  s.runs.list().forEach((r) => s.runs.delete(r.id));
  s.sets.dispose();
  const info = await selectFallback('webgpu', lost);
  s.deviceLost = null;
  s.control?.clearFailure();
  return info;
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
): Promise<RunInfo> {
  if (s.control) throw new Error('A run is already training: stop it first.');
  // Taken before the first await, so a second call or a stop() during loading sees this run.
  const control = new RunControl();
  s.control = control;
  const id = s.runs.nextId();
  try {
    const moved = s.deviceLost ? await recoverDevice(s) : null;
    if (moved) {
      const message = `${moved.fallbackReason}. Earlier runs were lost with it; training runs on ${moved.active}.`;
      onEvents(id, [{ kind: 'backend', info: moved, resumedFromStep: 0, message }]);
    }
    const dataset = await getDataset(s, config.dataset);
    const emit = (events: TrainEvent[]) => onEvents(id, events);
    const recover = () => recoverDevice(s);
    const { summary, model } = await runTraining(config, dataset, { control, emit, recover });
    const info = s.runs.add(id, config, summary, model, dataset);
    await exclusive(s, () => select(s, s.runs.solution(info.id)));
    return info;
  } finally {
    if (s.control === control) s.control = null;
  }
}

async function compare(
  s: WorkerState,
  config: TrainConfig,
  onEvents: (runId: string, events: TrainEvent[]) => void,
): Promise<RunInfo[]> {
  const out: RunInfo[] = [];
  for (const optimizer of COMPARE_ORDER) {
    const info = await trainOne(s, { ...config, optimizer }, onEvents);
    out.push(info);
    // A diverged run stopped by itself; the next optimizer may well train at this rate.
    if (info.summary.status === 'stopped' && !info.summary.diverged) break;
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
    queue: Promise.resolve(),
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
  };
}

/** Starts a cancellable job: clears an earlier cancel and returns the poll function. */
function job(s: WorkerState): () => boolean {
  s.cancelled = false;
  return () => s.cancelled;
}

function landscapeMethods(s: WorkerState) {
  return {
    slice1d: (config: LandscapeConfig, onProgress: Parameters<FlatlandWorkerApi['slice1d']>[1]) =>
      exclusive(s, () => {
        s.landscapeConfig = config;
        return requireSession(s).slice1d(config, onProgress, job(s));
      }),
    grid2d: (config: LandscapeConfig, onProgress: Parameters<FlatlandWorkerApi['grid2d']>[1]) =>
      exclusive(s, () => {
        s.landscapeConfig = config;
        return requireSession(s).grid2d(config, onProgress, job(s));
      }),
    // Not queued, so the probe answers while a grid computes: it reads the weights only in its
    // synchronous part (the kernels are enqueued before the first await), which nothing interrupts.
    async evaluateAt(t: number) {
      const session = requireSession(s);
      if (!s.landscapeConfig) throw new Error('Compute the 1D slice first.');
      return session.evaluateAt(t, s.landscapeConfig);
    },
    listRuns: async () => s.runs.list(),
    deleteRun: (runId: string) => exclusive(s, () => deleteRun(s, runId)),
    selectWeights: (ref: WeightsRef) => exclusive(s, () => select(s, ref)),
    interpolate: (
      config: Parameters<FlatlandWorkerApi['interpolate']>[0],
      onProgress: Parameters<FlatlandWorkerApi['interpolate']>[1],
    ) => exclusive(s, () => interpolateRuns(s.runs, s.sets, config, onProgress, job(s))),
    sharpness: (config: SharpnessConfig, onProgress: (p: SharpnessProgress) => void) =>
      exclusive(s, () => measureSharpness(s.runs, config, onProgress, job(s))),
    async cancel() {
      s.cancelled = true;
    },
  };
}
