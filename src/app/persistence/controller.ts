/**
 * Keeps IndexedDB in step with the runs: the training run after each epoch (events and the new
 * checkpoints), every stored run once complete, and results when they are computed; removes a run
 * when it leaves the list. Weights travel from the worker straight to IndexedDB; one database
 * operation runs at a time, in order. A failed write (a full quota) is reported in a notice and
 * changes nothing else: the run stays in the worker and in the list.
 */
import type { RunExport, RunInfo } from '../../domain/api';
import type { RunDb } from '../../persistence/db';
import type { SavedRun } from '../../persistence/types';
import type { FlatlandStore } from '../../store';
import type { MetricsBus } from '../metrics-bus';
import type { AnalysisClient, PersistenceClient } from '../worker-client';
import { quotaNotice, resultsWatcher, type ResultsChange } from './watch';

/** What the controller saves from and to: the worker, the store, the curves and the database. */
export interface PersistenceDeps {
  engine: PersistenceClient & Pick<AnalysisClient, 'listRuns'>;
  store: FlatlandStore;
  bus: MetricsBus;
  db: RunDb;
  /** navigator.storage.estimate where the browser has it. */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

/** Saves runs and results as they change; one database operation at a time, in order. */
export class PersistenceController {
  private queue: Promise<void> = Promise.resolve();
  /** Checkpoints already in IndexedDB per run id, so each epoch sends only the new one. */
  private readonly savedCheckpoints = new Map<string, number>();
  /** Runs whose final weights are saved. */
  private readonly complete = new Set<string>();
  private known = new Set<string>();
  private liveId: string | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(readonly deps: PersistenceDeps) {}

  private get state() {
    return this.deps.store.getState();
  }

  /** Runs `op` after every earlier operation; errors become the notice (quota) or are logged. */
  enqueue(op: () => Promise<void>, what: string): Promise<void> {
    this.queue = this.queue.then(op).catch((error: unknown) => {
      this.state.setPersistenceNotice(quotaNotice(error, what));
    });
    return this.queue;
  }

  /** Starts saving: epoch events of the training run, new and deleted runs, new results. */
  start(): void {
    this.known = new Set(this.state.runs.map((r) => r.id));
    this.unsubscribe.push(
      this.deps.bus.subscribe((m) => {
        if (m.type === 'events' && m.events.some((e) => e.kind === 'epoch')) this.saveLive();
      }),
      this.deps.store.subscribe((s, prev) => {
        if (s.runs !== prev.runs) this.onRuns(s.runs);
        if (s.run.status === 'error' && prev.run.status !== 'error') this.dropLive();
      }),
      resultsWatcher(this.deps.store, (change) => this.saveResults(change)),
    );
  }

  stop(): void {
    this.unsubscribe.splice(0).forEach((u) => u());
  }

  /** Marks runs that are already saved in full (restored ones), so they are not written again. */
  markSaved(info: RunInfo): void {
    this.complete.add(info.id);
    this.savedCheckpoints.set(info.id, info.checkpoints);
    this.known.add(info.id);
  }

  /** Everything queued so far has been written (or has failed). */
  flush(): Promise<void> {
    return this.queue;
  }

  private onRuns(runs: RunInfo[]): void {
    const ids = new Set(runs.map((r) => r.id));
    for (const id of this.known) if (!ids.has(id)) this.forget(id);
    for (const run of runs) if (!this.complete.has(run.id)) this.saveComplete(run.id);
    this.known = ids;
  }

  private forget(id: string): void {
    this.complete.delete(id);
    this.savedCheckpoints.delete(id);
    void this.enqueue(() => this.deps.db.remove(id), 'deleting the run').then(() =>
      this.refreshUsage(),
    );
  }

  /** The training run's progress: it is saved at least once per epoch. */
  saveLive(): void {
    void this.enqueue(async () => {
      const from = this.liveId ? (this.savedCheckpoints.get(this.liveId) ?? 0) : 0;
      let run = await this.deps.engine.exportRun(null, from);
      if (run && run.info.id !== this.liveId) {
        // Another run trains now: it has nothing saved yet.
        this.liveId = run.info.id;
        if (from !== 0) run = await this.deps.engine.exportRun(null, 0);
      }
      // A finished run has been saved complete already.
      if (run && !this.complete.has(run.info.id)) await this.write(run);
    }, 'saving the training run');
  }

  private saveComplete(id: string): void {
    this.complete.add(id);
    void this.enqueue(async () => {
      const run = await this.deps.engine.exportRun(id, this.savedCheckpoints.get(id) ?? 0);
      if (run) await this.write(run);
      if (this.liveId === id) this.liveId = null;
    }, 'saving the run');
  }

  private async write(run: RunExport): Promise<void> {
    const { db } = this.deps;
    const id = run.info.id;
    const old = (await db.list()).find((r) => r.info.id === id);
    const saved: SavedRun = {
      info: run.info,
      live: run.live,
      events: run.events,
      results: old?.results ?? {},
      savedAt: old?.savedAt ?? Date.now(),
    };
    try {
      await db.save(saved, run.weights);
    } catch (error) {
      // Keeps what was there: the next save sends every checkpoint again.
      this.savedCheckpoints.delete(id);
      this.complete.delete(id);
      throw error;
    }
    this.savedCheckpoints.set(id, run.weights.checkpointsFrom + run.weights.checkpoints.length);
    this.state.setPersistenceNotice(null);
    await this.refreshUsage();
  }

  /** A run that failed (diverged) is not kept by the worker, so its partial save goes too. */
  private dropLive(): void {
    const id = this.liveId;
    if (!id || this.complete.has(id)) return;
    this.liveId = null;
    this.savedCheckpoints.delete(id);
    void this.enqueue(() => this.deps.db.remove(id), 'deleting the failed run');
  }

  private saveResults({ runId, patch }: ResultsChange): void {
    void this.enqueue(
      () => this.deps.db.updateMeta(runId, (r) => ({ ...r, results: { ...r.results, ...patch } })),
      'saving results',
    );
  }

  /** Renames a run in the worker, the list and IndexedDB. */
  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    await this.deps.engine.renameRun(id, trimmed);
    this.state.setRuns(await this.deps.engine.listRuns());
    await this.enqueue(
      () => this.deps.db.updateMeta(id, (r) => ({ ...r, info: { ...r.info, name: trimmed } })),
      'renaming the run',
    );
  }

  /** Our byte count and the browser's estimate of usage and quota. */
  async refreshUsage(): Promise<void> {
    const ours = await this.deps.db.bytes();
    const est = await this.deps.estimate?.().catch(() => undefined);
    this.state.setStorage({ ours, usage: est?.usage ?? null, quota: est?.quota ?? null });
  }
}
