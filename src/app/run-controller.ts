/**
 * Orchestrates training on the UI thread: init → load dataset → train (one run, or a comparison's
 * four) → 1D slice → 2D grid of the newest solution, writing summaries and runs to the store and
 * per-step metrics to the bus. Stages check their session is current, so stale results are dropped.
 */
import { errorMessage } from '../domain/format';
import { LandscapeController, type PerturbApi } from './landscape-controller';
import type { MetricsBus } from './metrics-bus';
import * as outcome from './run-outcome';
import { solutionRef } from '../domain/solution';
import type { AnalysisClient, EngineClient, ProbeClient, RunsClient } from './worker-client';
import { isRunActive, type FlatlandStore } from '../store';
import { COMPARE_ORDER, OPTIMIZER_COLORS, OPTIMIZER_NAMES } from '../domain/optimizers';
import type {
  BackendRequest,
  OptimizerId,
  RunInfo,
  TrainConfig,
  TrainEvent,
  TrainSummary,
} from '../domain/api';

export interface RunControllerDeps {
  engine: EngineClient & RunsClient & ProbeClient & Pick<AnalysisClient, 'listRuns' | 'cancel'>;
  store: FlatlandStore;
  bus: MetricsBus;
  backend: BackendRequest;
  /** Queued after a comparison, before its newest run's landscape: the comparison view's jobs. */
  afterCompare?: (runs: RunInfo[]) => Promise<void>;
}

/** Which series of the curves a worker run id belongs to. */
type SeriesKeys = Record<string, string>;

export class RunController {
  private ready: Promise<void> | null = null;
  private readonly landscape: LandscapeController;
  /** The perturbation sliders' requests besides `probe(t)`: plane, release, image strip. */
  readonly perturb: PerturbApi;

  constructor(private readonly deps: RunControllerDeps) {
    this.landscape = this.perturb = new LandscapeController(deps);
  }

  private get state() {
    return this.deps.store.getState();
  }

  private isCurrent(id: number): boolean {
    return this.state.run.id === id;
  }

  init(): Promise<void> {
    this.ready ??= this.deps.engine.init(this.deps.backend).then(
      (info) => this.state.setBackendInfo(info),
      (error: unknown) => {
        this.state.setBackendError(errorMessage(error));
        throw error;
      },
    );
    return this.ready;
  }

  /** Trains one run with the current settings; ignored while one is active or a field is invalid. */
  train(): Promise<void> {
    return this.start((id, config) => this.trainOne(id, config));
  }

  /** Trains SGD, SWA, SAM and WASAM with the current settings, from the same seed. */
  compare(): Promise<void> {
    const trained: RunInfo[] = [];
    return this.start(
      (id, config) => this.compareAll(id, config, trained),
      async (id) => {
        if (this.isCurrent(id) && trained.length > 0) await this.deps.afterCompare?.(trained);
      },
    );
  }

  pause(): Promise<void> {
    return this.transition('training', () => this.deps.engine.pause());
  }

  resume(): Promise<void> {
    return this.transition('paused', () => this.deps.engine.resume());
  }

  async stop(): Promise<void> {
    const { status } = this.state.run;
    if (status !== 'training' && status !== 'paused') return;
    this.state.setRunStatus(status, 'Stopping…');
    await this.deps.engine.stop().catch((error: unknown) => {
      this.state.failRun(errorMessage(error));
    });
  }

  /** Asks for loss and accuracy at w + t·d; only the newest pending position is evaluated. */
  probe(t: number): void {
    this.landscape.probe(t);
  }

  /** Makes a listed run's solution the explored weights and computes its slice and grid. */
  async explore(runId: string): Promise<void> {
    const s = this.state;
    const run = s.runs.find((r) => r.id === runId);
    // The worker would interleave the landscape with training or an analysis job.
    if (!run || isRunActive(s.run.status) || s.analysis.job) return;
    const ref = solutionRef(run);
    const id = s.run.id;
    const gen = this.landscape.invalidate();
    const current = () => this.isCurrent(id) && this.landscape.isCurrent(gen);
    s.beginExplore(ref);
    try {
      await this.landscape.settle();
      if (!current()) return;
      await this.deps.engine.selectWeights(ref);
      if (current()) await this.landscape.compute(gen, id, { ...this.state.landscapeConfig });
    } catch (error) {
      if (current())
        this.state.failLandscape(`Could not explore ${run.name}: ${errorMessage(error)}`);
    }
  }

  /** Deletes a run in the worker; deleting the explored run clears the landscape panels. */
  async deleteRun(runId: string): Promise<void> {
    if (isRunActive(this.state.run.status)) return;
    if (this.state.explored?.runId === runId) {
      this.landscape.invalidate();
      await this.landscape.settle();
    }
    try {
      await this.deps.engine.deleteRun(runId);
      this.state.removeRun(runId);
      this.state.setRunsError(null);
    } catch (error) {
      this.state.setRunsError(`Could not delete the run: ${errorMessage(error)}`);
    }
  }

  private async start(
    work: (id: number, config: TrainConfig) => Promise<TrainSummary | null>,
    after?: (id: number) => Promise<void>,
  ): Promise<void> {
    // A press that lands as saved runs start coming back (before the button re-renders as
    // disabled) must not be dropped: it starts once they are back.
    if (this.state.persistence.restoring) await this.init().catch(() => undefined);
    const s = this.state;
    if (isRunActive(s.run.status) || Object.keys(s.fieldErrors).length > 0) return;
    // Snapshots: the run uses the settings of the moment the button was pressed.
    const config: TrainConfig = { ...s.train, flat: { ...s.train.flat } };
    const landscape = { ...s.landscapeConfig };
    const id = s.beginRun(config.epochs);
    const gen = this.landscape.invalidate();
    this.deps.bus.reset(id);
    try {
      await this.init();
      await this.settlePrevious(id);
      if (!this.isCurrent(id)) return;
      const summary = await work(id, config);
      // The comparison view comes first: its slices are quick, the newest run's 2D grid is not.
      await after?.(id);
      if (outcome.hasLandscape(summary)) await this.landscape.compute(gen, id, landscape);
    } catch (error) {
      if (this.isCurrent(id)) this.state.failRun(`Training failed: ${errorMessage(error)}`);
    }
  }

  /** Loads the dataset; false when the session was replaced meanwhile. */
  private async prepare(id: number, config: TrainConfig): Promise<boolean> {
    const info = await this.deps.engine.loadDataset(config.dataset, config.toy, config.imported);
    if (!this.isCurrent(id)) return false;
    this.state.setDatasetInfo(info);
    return true;
  }

  private async trainOne(id: number, config: TrainConfig): Promise<TrainSummary | null> {
    if (!(await this.prepare(id, config))) return null;
    // The worker names the run only when it is stored: until then the curves use a local key.
    const key = `train-${id}`;
    this.announce(id, key, config.optimizer);
    this.state.setRunStatus('training', outcome.trainingMessage(null));
    const summary = await this.deps.engine.train(config, (events) =>
      this.onEvents(id, key, events),
    );
    if (!this.isCurrent(id)) return null;
    const keys: SeriesKeys = summary.runId ? { [summary.runId]: key } : {};
    await this.finishSession(id, summary, keys);
    return summary;
  }

  /** `trained` receives the runs worth a look (finished, or diverged with finite weights). */
  private async compareAll(
    id: number,
    config: TrainConfig,
    trained: RunInfo[],
  ): Promise<TrainSummary | null> {
    if (!(await this.prepare(id, config))) return null;
    const keys: SeriesKeys = {};
    const infos = await this.deps.engine.compare(config, (runId, events) => {
      if (!this.isCurrent(id)) return;
      if (!(runId in keys)) this.nextCompared(id, runId, keys);
      this.onEvents(id, runId, events);
    });
    if (!this.isCurrent(id)) return null;
    const last = infos.at(-1);
    if (!last) throw new Error('the comparison trained no run');
    this.state.setCompareProgress(null);
    trained.push(...infos.filter((info) => outcome.hasLandscape(info.summary)));
    await this.finishSession(id, last.summary, keys);
    return last.summary;
  }

  /** A comparison's next run has sent its first events: the one before it is stored by now. */
  private nextCompared(id: number, runId: string, keys: SeriesKeys): void {
    const index = Object.keys(keys).length + 1;
    keys[runId] = runId;
    const optimizer = COMPARE_ORDER[index - 1] ?? 'sgd';
    const progress = { index, total: COMPARE_ORDER.length, name: OPTIMIZER_NAMES[optimizer] };
    this.announce(id, runId, optimizer);
    this.state.setCompareProgress(progress);
    this.state.setRunStatus('training', outcome.trainingMessage(progress));
    if (index > 1) void this.refreshRuns(id, keys);
  }

  /** Starts a series in the optimizer's colour; RunInfo confirms name and colour at the end. */
  private announce(id: number, key: string, optimizer: OptimizerId): void {
    const name = OPTIMIZER_NAMES[optimizer];
    this.deps.bus.series(id, { key, name, color: OPTIMIZER_COLORS[optimizer], final: false });
  }

  private async finishSession(id: number, summary: TrainSummary, keys: SeriesKeys) {
    const runs = await this.refreshRuns(id, keys);
    if (!this.isCurrent(id)) return;
    const run = runs?.find((r) => r.id === summary.runId);
    // The worker explores the new run's solution; say so before the landscape is computed.
    if (run) this.state.setExplored(solutionRef(run));
    this.state.finishRun(summary);
  }

  /** Reads the worker's run list; the curves take the names and colours of the stored runs. */
  private async refreshRuns(id: number, keys: SeriesKeys): Promise<RunInfo[] | null> {
    let runs: RunInfo[];
    try {
      runs = await this.deps.engine.listRuns();
    } catch {
      return null; // The list is a convenience: the next session reads it again.
    }
    this.state.setRuns(runs);
    if (!this.isCurrent(id)) return runs;
    for (const run of runs) {
      const key = keys[run.id];
      if (key) this.deps.bus.series(id, { key, name: run.name, color: run.color, final: true });
    }
    return runs;
  }

  private onEvents(id: number, key: string, events: TrainEvent[]): void {
    if (!this.isCurrent(id)) return;
    this.deps.bus.emit(id, key, events);
    // The plan arrives before the first step, so the progress bar knows its length at once.
    const plan = outcome.lastOfKind(events, 'plan');
    if (plan) {
      this.state.setPlan(plan);
      this.state.recordProgress({ step: 0, epoch: 0, totalSteps: plan.totalSteps, elapsedMs: 0 });
    }
    const step = outcome.lastOfKind(events, 'step');
    if (step) this.state.recordProgress(step);
    const epoch = outcome.lastOfKind(events, 'epoch');
    if (epoch) this.state.setLastEpoch(epoch);
    outcome.noteBackendMoves(this.state, events);
  }

  /**
   * A new training run replaces the worker's explored weights, so whatever still reads the old
   * ones (the grid, a probe) must finish first.
   */
  private async settlePrevious(id: number): Promise<void> {
    if (!this.landscape.busy()) return;
    this.state.setRunStatus('loading', 'Finishing the previous landscape…');
    await this.landscape.settle();
    if (this.isCurrent(id)) this.state.setRunStatus('loading', 'Loading dataset…');
  }

  /** Pause and resume only take effect if the run is still in the state they were meant for. */
  private async transition(from: 'training' | 'paused', call: () => Promise<void>): Promise<void> {
    const id = this.state.run.id;
    if (this.state.run.status !== from) return;
    try {
      await call();
    } catch (error) {
      if (this.isCurrent(id)) this.state.failRun(errorMessage(error));
      return;
    }
    if (!this.isCurrent(id) || this.state.run.status !== from) return;
    if (from === 'training') this.state.setRunStatus('paused', 'Paused');
    else this.state.setRunStatus('training', outcome.trainingMessage(this.state.compare));
  }
}
