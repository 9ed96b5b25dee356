/**
 * The worker's state, in parts with one job each: the dataset cache, the job queue (one reader of
 * runs and weights at a time, and the cancel flag), the explorer (the weights the plots and
 * sliders explore), and the training's own fields. Plus the small rules every RPC method shares.
 */
import type { Dataset } from '../data/load';
import type { ImageDatasetId } from '../data/manifest';
import { generateToy } from '../data/toy';
import type { DatasetId, LandscapeConfig, LandscapeParts, WeightsRef } from '../domain/api';
import { missingImportMessage, type ImportedDataRef } from '../domain/imported-data';
import { isToyDataset, resolveToy, type ToySettings } from '../domain/toy-data';
import type { EvalSets } from './eval-sets';
import { LandscapeSession } from './landscape';
import type { RunControl } from './run-control';
import type { LiveRun } from './run-import';
import type { RunStore } from './runs';
import type { TrainingCalibrator } from './train-calibration';
import type { TrajectoryTracker } from './trajectories';

/** Toy datasets kept besides the image sets: they are regenerated in milliseconds. */
const TOY_CACHE = 4;
/** Imported datasets kept (up to 100 MB each): reading one back from IndexedDB takes a moment. */
const IMPORTED_CACHE = 2;
const IMPORTED = 'imported:';

/** An imported dataset by id, or null when this browser does not hold it. */
export type ImportedLoader = (id: string) => Promise<Dataset | null>;

/**
 * Datasets loaded once and kept for the worker's lifetime; toy datasets are generated from their
 * settings (the id with its settings is the key) and only the last few kept, as are imported ones
 * (read from IndexedDB by their content hash).
 */
export class DatasetCache {
  private readonly loaded = new Map<string, Dataset>();

  constructor(
    private readonly load: (id: ImageDatasetId) => Promise<Dataset>,
    private readonly loadImported: ImportedLoader = async () => null,
  ) {}

  async get(
    id: DatasetId,
    toy?: Partial<ToySettings>,
    imported?: ImportedDataRef,
  ): Promise<Dataset> {
    if (id === 'imported') return this.getImported(imported);
    const settings = isToyDataset(id) ? resolveToy(toy) : null;
    const key = settings ? `${id}/${JSON.stringify(settings)}` : id;
    let ds = this.loaded.get(key);
    if (!ds) {
      ds = isToyDataset(id) ? generateToy(id, settings!) : await this.load(id);
      this.loaded.set(key, ds);
      this.evict((k) => k.includes('/'), TOY_CACHE);
    }
    return ds;
  }

  /** Drops an imported dataset (it was deleted): a later run must not train on the copy. */
  forget(importedId: string): void {
    this.loaded.delete(`${IMPORTED}${importedId}`);
  }

  private async getImported(ref?: ImportedDataRef): Promise<Dataset> {
    if (!ref) throw new Error('Choose an imported dataset first (Import data panel).');
    const key = `${IMPORTED}${ref.id}`;
    let ds = this.loaded.get(key);
    if (!ds) {
      const read = await this.loadImported(ref.id);
      if (!read) throw new Error(missingImportMessage(ref));
      ds = read;
      this.loaded.set(key, ds);
      this.evict((k) => k.startsWith(IMPORTED), IMPORTED_CACHE);
    }
    return ds;
  }

  /** Keeps the last `keep` datasets whose keys match. */
  private evict(matches: (key: string) => boolean, keep: number): void {
    const all = [...this.loaded.keys()].filter(matches);
    for (const key of all.slice(0, Math.max(0, all.length - keep))) this.loaded.delete(key);
  }
}

/**
 * Runs jobs that read runs or the explored weights one at a time (landscapes, θ(α), sharpness,
 * exports, and what frees weights: selecting, deleting), so none frees tensors another still
 * reads; and the cancel flag the running landscape/interpolation/sharpness job polls.
 */
export class JobQueue {
  private tail: Promise<void> = Promise.resolve();
  private cancelled = false;

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Starts a cancellable job: clears an earlier cancel and returns the poll function. */
  start(): () => boolean {
    this.cancelled = false;
    return () => this.cancelled;
  }

  cancel(): void {
    this.cancelled = true;
  }
}

/** The weights slices, grids and the perturbation sliders explore, and how they got there. */
export class Explorer {
  session: LandscapeSession | null = null;
  /** The run whose weights the session explores. */
  runId: string | null = null;
  /** The landscape config of the last slice, grid or restore: the sliders' probes use it. */
  config: LandscapeConfig | null = null;
  /**
   * The pending `restoreLandscape`, until it settles: probes are not queued, so they wait for it
   * here rather than fail for want of directions it is about to build.
   */
  private restoring: Promise<void> | null = null;
  /**
   * How many probes each slider (1D line, 2D plane) has asked for: a probe whose number is no
   * longer the latest gives up at its next checkpoint.
   */
  private readonly probeSeq = { line: 0, plane: 0 };

  constructor(
    private readonly runs: RunStore,
    private readonly sets: EvalSets,
  ) {}

  /** Makes `ref` the explored weights (a fresh landscape session on them). */
  select(ref: WeightsRef): void {
    this.runs.weights(ref); // fails early on a bad reference
    this.session?.dispose();
    this.session = new LandscapeSession(this.runs, ref, this.sets);
    this.runId = ref.runId;
  }

  /** Explores nothing (its run was deleted, or its tensors went with a lost device). */
  close(): void {
    this.session?.dispose();
    this.session = null;
    this.runId = null;
  }

  /** Records a restore until it settles; a later restore owns the field. */
  restoreUntil(restoring: Promise<void>): void {
    this.restoring = restoring;
    const settled = () => {
      if (this.restoring === restoring) this.restoring = null;
    };
    restoring.then(settled, settled);
  }

  /**
   * Runs a probe once a pending restore has settled, either way (at once when none is pending):
   * its failure is reported by whoever asked for the restore, and the probe then says what it lacks.
   */
  afterRestore<T>(probe: () => Promise<T>): Promise<T> {
    const pending = this.restoring;
    return pending ? pending.then(probe, probe) : probe();
  }

  /** Numbers a new probe of `slider`; the returned poll is true once a newer one was asked for. */
  nextProbe(slider: 'line' | 'plane'): () => boolean {
    const seq = ++this.probeSeq[slider];
    return () => this.probeSeq[slider] !== seq;
  }
}

/** State of the worker: datasets, runs, jobs, the explored weights and the running training. */
export interface WorkerState {
  datasets: DatasetCache;
  runs: RunStore;
  sets: EvalSets;
  jobs: JobQueue;
  explorer: Explorer;
  /** The running training's pause/stop control; null when none trains. */
  control: RunControl | null;
  /** Set when the GPU device is lost; later calls fail with it until training recovers. */
  deviceLost: string | null;
  /** Chooses the training backend per model at a run's start (`auto` only). */
  calibrator: TrainingCalibrator;
  /** The run being trained, recorded for saving while it progresses. */
  live: LiveRun | null;
  /** The last comparison's trajectories. */
  trajectory: TrajectoryTracker | null;
}

export function requireSession(s: WorkerState): LandscapeSession {
  if (s.deviceLost) throw new Error(s.deviceLost);
  if (!s.explorer.session) throw new Error('Train a model first: there are no weights to explore.');
  return s.explorer.session;
}

/**
 * Explores `ref` with a saved landscape's directions built again (no point evaluated), queued
 * like a selection; probes wait for it until it settles.
 */
export function restoreLandscape(
  s: WorkerState,
  ref: WeightsRef,
  config: LandscapeConfig,
  parts: LandscapeParts,
): Promise<void> {
  const restoring = s.jobs.run(async () => {
    s.explorer.select(ref);
    s.explorer.config = config;
    await requireSession(s).rebuildDirections(config, parts);
  });
  s.explorer.restoreUntil(restoring);
  return restoring;
}

export function deleteRun(s: WorkerState, runId: string): void {
  if (s.explorer.runId === runId) s.explorer.close();
  s.runs.delete(runId);
}
