import * as Comlink from 'comlink';
import { loadDataset, type Dataset } from '../data/load';
import type { ImageDatasetId } from '../data/manifest';
import type {
  BackendRequest,
  FlatlandWorkerApi,
  LandscapeConfig,
  LandscapeParts,
  Progress,
  RunLandscapeJob,
  RunLandscapeProgress,
  SharpnessConfig,
  SharpnessProgress,
  TrainSummary,
  WeightsRef,
} from '../domain/api';
import { selectBackend, watchDeviceLoss } from './backend';
import { EvalBackend } from './eval-backend';
import { TrainingCalibrator } from './train-calibration';
import { describeWasm, startWasm, type WasmInfo } from './wasm';
import { interpolateRuns } from './interpolation';
import { ensembleRun } from './ensembles';
import { connectRuns } from './connect';
import { EvalSets } from './eval-sets';
import type { LandscapeSession } from './landscape';
import type { RunExport, RunImport } from '../domain/run-export';
import { weightBuffers } from './run-export';
import { importedModel } from './run-import';
import { importModel } from './model-import';
import type { ModelImportRequest } from '../domain/api-model-import';
import { RunStore } from './runs';
import { compare, trainOne } from './service-train';
import {
  DatasetCache,
  deleteRun,
  Explorer,
  JobQueue,
  requireSession,
  restoreLandscape,
  type WorkerState,
} from './service-state';
import { measureSharpness } from './sharpness';
import { decisionBoundaryOf } from './boundary';
import { measureCurvatureMap } from './curvature';
import type { CurvatureJob } from '../domain/curvature';
import { pcaTrajectories, runLandscape } from './trajectories';
import { dataImportMethods, openImportedData, type ImportedDataStore } from './imported-data';

function initialState(
  loader: (id: ImageDatasetId) => Promise<Dataset>,
  imported: ImportedDataStore,
  wasm: WasmStart,
): WorkerState {
  const runs = new RunStore();
  const sets = new EvalSets(new EvalBackend(() => wasm.started ?? Promise.resolve(null)));
  return {
    datasets: new DatasetCache(loader, (id) => imported.load(id)),
    runs,
    sets,
    jobs: new JobQueue(),
    explorer: new Explorer(runs, sets),
    control: null,
    deviceLost: null,
    calibrator: new TrainingCalibrator(),
    live: null,
    trajectory: null,
  };
}

/**
 * Builds the RPC surface; callbacks arrive as Comlink proxies. Tests pass their own loader and
 * imported-data store (the default one opens IndexedDB on first use only).
 */
export function createWorkerApi(
  loader: (id: ImageDatasetId) => Promise<Dataset> = (id) => loadDataset(id),
  imported: ImportedDataStore = openImportedData(),
): FlatlandWorkerApi {
  const wasm: WasmStart = { started: null };
  const s = initialState(loader, imported, wasm);
  return {
    async init(request) {
      const info = await selectBackend(request);
      info.evaluation = await startEvaluation(s, wasm, request, info.active);
      s.calibrator.configure(info, (next) => startEvaluation(s, wasm, request, next.active));
      watchDeviceLoss((message) => {
        // A calibration may have moved training off WebGPU: its device is then none of ours.
        if (s.calibrator.active !== 'webgpu') return;
        s.deviceLost = message;
        s.control?.fail(message);
      });
      return info;
    },
    async loadDataset(id, toy, importedRef) {
      const t0 = performance.now();
      const ds = await s.datasets.get(id, toy, importedRef);
      return { id, train: ds.train.count, test: ds.test.count, loadMs: performance.now() - t0 };
    },
    // Training holds the training backend: no evaluation switches TF.js to wasm meanwhile.
    train: (config, onEvents): Promise<TrainSummary> =>
      s.sets.backend.onTrainBackend(
        async () => (await trainOne(s, config, (_id, events) => onEvents(events))).summary,
      ),
    compare: (config, onEvents) =>
      s.sets.backend.onTrainBackend(() => compare(s, config, onEvents)),
    async pause() {
      s.control?.pause();
    },
    async resume() {
      s.control?.resume();
    },
    async stop() {
      // Stop means stop everything: training and any landscape/interpolation/sharpness job.
      s.control?.stop();
      s.jobs.cancel();
    },
    ...dataImportMethods(imported, (id) => s.datasets.forget(id)),
    ...landscapeMethods(s),
    ...probeMethods(s),
    ...persistenceMethods(s),
    ...trajectoryMethods(s),
  };
}

/** The wasm backend's start, once: only when training runs on the CPU (see `EvalBackend`). */
interface WasmStart {
  started: Promise<WasmInfo | null> | null;
}

/**
 * Sets where evaluations run, at `init` (nothing else runs yet, so starting wasm, which makes it
 * the active backend for a moment, cannot disturb a job), and says so for the Backend badge.
 */
async function startEvaluation(
  s: WorkerState,
  wasm: WasmStart,
  request: BackendRequest,
  active: string,
): Promise<string> {
  const mode = request === 'auto' ? 'auto' : 'train';
  s.sets.backend.configure(mode);
  if (mode === 'train') return `${active}, as the backend requested`;
  if (active !== 'cpu') return `${active}: the GPU evaluates its own tensors`;
  wasm.started ??= startWasm();
  const info = await wasm.started;
  if (!info) return 'cpu: WebAssembly could not start';
  return `${describeWasm(info)} for models it runs faster`;
}

/** Hands the weights over without a copy (Comlink transfers them; in Node it is a no-op). */
function transferred(run: RunExport): RunExport {
  return Comlink.transfer(run, weightBuffers(run.weights));
}

async function importRun(s: WorkerState, run: RunImport) {
  if (s.deviceLost) throw new Error(s.deviceLost);
  const { config } = run;
  const dataset = await s.datasets.get(config.dataset, config.toy, config.imported);
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
      return transferred(await s.jobs.run(() => s.runs.export(runId, checkpointsFrom)));
    },
    importRun: (run: RunImport) => s.jobs.run(() => importRun(s, run)),
    importModel: (request: ModelImportRequest) => s.jobs.run(() => importModel(s, request)),
    renameRun: async (runId: string, name: string) => s.runs.rename(runId, name),
  };
}

function landscapeMethods(s: WorkerState) {
  return {
    slice1d: (config: LandscapeConfig, onProgress: Parameters<FlatlandWorkerApi['slice1d']>[1]) =>
      s.jobs.run(() => {
        s.explorer.config = config;
        return requireSession(s).slice1d(config, onProgress, s.jobs.start());
      }),
    grid2d: (
      config: LandscapeConfig,
      onProgress: Parameters<FlatlandWorkerApi['grid2d']>[1],
      onCoarse?: Parameters<FlatlandWorkerApi['grid2d']>[2],
    ) =>
      s.jobs.run(() => {
        s.explorer.config = config;
        return requireSession(s).grid2d(config, onProgress, s.jobs.start(), onCoarse);
      }),
    listRuns: async () => s.runs.list(),
    deleteRun: (runId: string) => s.jobs.run(() => deleteRun(s, runId)),
    selectWeights: (ref: WeightsRef) => s.jobs.run(() => s.explorer.select(ref)),
    interpolate: (
      config: Parameters<FlatlandWorkerApi['interpolate']>[0],
      onProgress: Parameters<FlatlandWorkerApi['interpolate']>[1],
    ) => s.jobs.run(() => interpolateRuns(s.runs, s.sets, config, onProgress, s.jobs.start())),
    connect: (
      config: Parameters<FlatlandWorkerApi['connect']>[0],
      onProgress: Parameters<FlatlandWorkerApi['connect']>[1],
    ) => s.jobs.run(() => connectRuns(s.runs, s.sets, config, onProgress, s.jobs.start())),
    curvatureMap: (job: CurvatureJob, onProgress: (p: Progress) => void) =>
      s.jobs.run(() => measureCurvatureMap(s.runs, s.sets, job, onProgress, s.jobs.start())),
    sharpness: (config: SharpnessConfig, onProgress: (p: SharpnessProgress) => void) =>
      s.jobs.run(() =>
        s.sets.backend.onTrainBackend(() =>
          measureSharpness(s.runs, config, onProgress, s.jobs.start()),
        ),
      ),
    ensembles: (
      config: Parameters<FlatlandWorkerApi['ensembles']>[0],
      onProgress: Parameters<FlatlandWorkerApi['ensembles']>[1],
    ) => s.jobs.run(() => ensembleRun(s.runs, s.sets, config, onProgress, s.jobs.start())),
    async cancel() {
      s.jobs.cancel();
    },
  };
}

/** The perturbation sliders' probes, and restoring the directions they move along. */
function probeMethods(s: WorkerState) {
  // Not queued, so the probe answers while a grid computes: it reads the weights and directions
  // only in its synchronous start (the point w + Σ cᵢ·dᵢ is built before the first await) and
  // holds its own references to whatever else it reads. Only a pending restore is waited for: it
  // builds the directions the probe moves along. Each call supersedes the slider's earlier ones,
  // which give up at their next checkpoint (the UI sends a newer position while one is in flight
  // only when the slider is released).
  const probe = <T>(
    slider: 'line' | 'plane',
    missing: string,
    run: (session: LandscapeSession, config: LandscapeConfig, isStale: () => boolean) => Promise<T>,
  ): Promise<T> => {
    const isStale = s.explorer.nextProbe(slider);
    return s.explorer.afterRestore(async () => {
      const session = requireSession(s);
      if (!s.explorer.config) throw new Error(missing);
      return run(session, s.explorer.config, isStale);
    });
  };
  return {
    evaluateAt: (t: number) =>
      probe('line', 'Compute the 1D slice first.', (session, config, isStale) =>
        session.evaluateAt(t, config, isStale),
      ),
    evaluateAt2d: (a: number, b: number) =>
      probe('plane', 'Compute the 2D landscape first.', (session, config, isStale) =>
        session.evaluateAt2d(a, b, config, isStale),
      ),
    probeImages: () => s.explorer.afterRestore(async () => requireSession(s).images()),
    decisionBoundary: (t: number, size: number) =>
      s.explorer.afterRestore(async () => {
        const session = requireSession(s);
        const { target, sliceDir } = session;
        return s.sets.backend.probe(target.model.spec, () =>
          decisionBoundaryOf(target, sliceDir, t, size),
        );
      }),
    restoreLandscape: (ref: WeightsRef, config: LandscapeConfig, parts: LandscapeParts) =>
      restoreLandscape(s, ref, config, parts),
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
      s.jobs.run(() => runLandscape(s.runs, s.sets, request, onProgress, s.jobs.start())),
  };
}
