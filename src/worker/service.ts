import { loadDataset, type Dataset } from '../data/load';
import type { DatasetId, FlatlandWorkerApi, LandscapeConfig, TrainConfig, TrainEvent } from './api';
import { selectBackend, watchDeviceLoss } from './backend';
import { LandscapeSession } from './landscape';
import { RunControl } from './run-control';
import { runTraining } from './train-loop';

/** Mutable state of the worker: loaded datasets, the current run and its landscapes. */
interface WorkerState {
  datasets: Map<DatasetId, Dataset>;
  control: RunControl | null;
  session: LandscapeSession | null;
  landscapeConfig: LandscapeConfig | null;
  /** Set when the GPU device is lost; every later call fails with it. */
  deviceLost: string | null;
}

async function getDataset(s: WorkerState, id: DatasetId): Promise<Dataset> {
  let ds = s.datasets.get(id);
  if (!ds) {
    ds = await loadDataset(id);
    s.datasets.set(id, ds);
  }
  return ds;
}

function requireSession(s: WorkerState): LandscapeSession {
  if (s.deviceLost) throw new Error(s.deviceLost);
  if (!s.session) throw new Error('Train a model first: there are no final weights to explore.');
  return s.session;
}

async function train(
  s: WorkerState,
  config: TrainConfig,
  onEvents: (events: TrainEvent[]) => void,
): ReturnType<FlatlandWorkerApi['train']> {
  if (s.deviceLost) throw new Error(s.deviceLost);
  s.control?.stop();
  s.session?.dispose();
  s.session = null;
  const dataset = await getDataset(s, config.dataset);
  const control = new RunControl();
  s.control = control;
  try {
    const { summary, model } = await runTraining(config, dataset, { control, emit: onEvents });
    s.session = new LandscapeSession(model, dataset);
    return summary;
  } finally {
    if (s.control === control) s.control = null;
  }
}

/** Builds the RPC surface; callbacks arrive as Comlink proxies and are released when done. */
export function createWorkerApi(): FlatlandWorkerApi {
  const s: WorkerState = {
    datasets: new Map(),
    control: null,
    session: null,
    landscapeConfig: null,
    deviceLost: null,
  };
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
    train: (config, onEvents) => train(s, config, onEvents),
    async pause() {
      s.control?.pause();
    },
    async resume() {
      s.control?.resume();
    },
    async stop() {
      s.control?.stop();
    },
    async slice1d(config, onProgress) {
      s.landscapeConfig = config;
      return requireSession(s).slice1d(config, onProgress);
    },
    async grid2d(config, onProgress) {
      s.landscapeConfig = config;
      return requireSession(s).grid2d(config, onProgress);
    },
    async evaluateAt(t) {
      const session = requireSession(s);
      if (!s.landscapeConfig) throw new Error('Compute the 1D slice first.');
      return session.evaluateAt(t, s.landscapeConfig);
    },
  };
}
