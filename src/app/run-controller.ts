/**
 * Orchestrates a run on the UI thread: init → load dataset → train → 1D slice → 2D grid, writing
 * summaries to the store and per-step metrics to the bus. Every stage checks that its run is still
 * the current one, so results of a replaced run never overwrite the new run's.
 */
import { errorMessage } from './format';
import { latestOnly, type LatestOnly } from './latest-only';
import type { MetricsBus } from './metrics-bus';
import type { EngineClient } from './worker-client';
import type { FlatlandStore } from '../store';
import type {
  BackendRequest,
  LandscapeConfig,
  PointValue,
  SliceResult,
  TrainConfig,
  TrainEvent,
  TrainSummary,
} from '../worker/api';

export interface RunControllerDeps {
  engine: EngineClient;
  store: FlatlandStore;
  bus: MetricsBus;
  backend: BackendRequest;
}

const ACTIVE = new Set(['loading', 'training', 'paused']);

function lastOfKind<K extends TrainEvent['kind']>(events: readonly TrainEvent[], kind: K) {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.kind === kind) return event as Extract<TrainEvent, { kind: K }>;
  }
  return null;
}

/** The slice point closest to t = 0: the trained weights themselves, known without a worker call. */
export function centerPoint(slice: SliceResult): PointValue | null {
  let best = -1;
  slice.t.forEach((t, i) => {
    if (best < 0 || Math.abs(t) < Math.abs(slice.t[best] ?? Infinity)) best = i;
  });
  if (best < 0) return null;
  return {
    t: slice.t[best] ?? 0,
    trainLoss: slice.trainLoss[best] ?? NaN,
    trainAcc: slice.trainAcc[best] ?? NaN,
    testLoss: slice.testLoss[best] ?? NaN,
    testAcc: slice.testAcc[best] ?? NaN,
  };
}

export class RunController {
  private ready: Promise<void> | null = null;
  private landscapeDone: Promise<void> = Promise.resolve();
  private landscapeBusy = false;
  private readonly evaluator: LatestOnly<{ t: number; runId: number }>;

  constructor(private readonly deps: RunControllerDeps) {
    // Probes may overlap the grid: the worker builds every point as new tensors and never moves
    // the trained weights, so both read the same model safely.
    this.evaluator = latestOnly(
      async ({ t, runId }: { t: number; runId: number }) => ({
        value: await deps.engine.evaluateAt(t),
        runId,
      }),
      {
        onResult: ({ value, runId }) => this.isCurrent(runId) && this.state.setProbeValue(value),
        onError: (error, { runId }) =>
          this.isCurrent(runId) && this.state.setProbeError(errorMessage(error)),
      },
    );
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

  /** Starts a new run with the current settings; ignored while one is active or a field is invalid. */
  async train(): Promise<void> {
    const s = this.state;
    if (ACTIVE.has(s.run.status) || Object.keys(s.fieldErrors).length > 0) return;
    // Snapshots: the run uses the settings of the moment Train was pressed.
    const config = { ...s.train };
    const landscape = { ...s.landscapeConfig };
    const id = s.beginRun(config.epochs);
    this.deps.bus.reset(id);
    try {
      await this.init();
      await this.settlePrevious(id);
      if (!this.isCurrent(id)) return;
      const summary = await this.runTraining(id, config);
      if (summary?.status === 'finished') await this.startLandscape(id, landscape);
    } catch (error) {
      if (this.isCurrent(id)) this.state.failRun(`Training failed: ${errorMessage(error)}`);
    }
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
    const s = this.state;
    if (!s.landscape.slice) return;
    s.setProbeT(t);
    this.evaluator.request({ t, runId: s.run.id });
  }

  private async runTraining(id: number, config: TrainConfig): Promise<TrainSummary | null> {
    const info = await this.deps.engine.loadDataset(config.dataset);
    if (!this.isCurrent(id)) return null;
    this.state.setDatasetInfo(info);
    this.state.setRunStatus('training', 'Training…');
    const summary = await this.deps.engine.train(config, (events) => this.onEvents(id, events));
    if (!this.isCurrent(id)) return null;
    this.state.finishRun(summary);
    return summary;
  }

  private onEvents(id: number, events: TrainEvent[]): void {
    if (!this.isCurrent(id)) return;
    this.deps.bus.emit(id, events);
    // The plan arrives before the first step, so the progress bar knows its length at once.
    const plan = lastOfKind(events, 'plan');
    if (plan && this.state.run.step === 0) {
      this.state.recordProgress({ step: 0, epoch: 0, totalSteps: plan.totalSteps, elapsedMs: 0 });
    }
    const step = lastOfKind(events, 'step');
    if (step) this.state.recordProgress(step);
    const epoch = lastOfKind(events, 'epoch');
    if (epoch) this.state.setLastEpoch(epoch);
  }

  /**
   * A new training run replaces the worker's trained model, so whatever still reads the old one
   * (the grid, a probe) must finish first.
   */
  private async settlePrevious(id: number): Promise<void> {
    if (!this.landscapeBusy && !this.evaluator.busy()) return;
    this.state.setRunStatus('loading', 'Finishing the previous landscape…');
    // Harmless today; lets a worker that learns to cancel landscapes on stop() cut the wait short.
    await this.deps.engine.stop().catch(() => undefined);
    await Promise.all([this.landscapeDone, this.evaluator.whenIdle()]);
    if (this.isCurrent(id)) this.state.setRunStatus('loading', 'Loading dataset…');
  }

  private startLandscape(id: number, config: LandscapeConfig): Promise<void> {
    this.landscapeBusy = true;
    this.landscapeDone = this.computeLandscape(id, config).finally(() => {
      this.landscapeBusy = false;
    });
    return this.landscapeDone;
  }

  private async computeLandscape(id: number, config: LandscapeConfig): Promise<void> {
    const { engine } = this.deps;
    const current = () => this.isCurrent(id);
    try {
      this.state.setLandscapeStatus('slice');
      const slice = await engine.slice1d(
        config,
        (p) => current() && this.state.setSliceProgress(p),
      );
      if (!current()) return;
      this.state.setSlice(slice);
      const center = centerPoint(slice);
      if (center) this.state.setProbeValue(center);
      this.state.setLandscapeStatus('grid');
      const grid = await engine.grid2d(config, (p) => current() && this.state.setGridProgress(p));
      if (current()) this.state.setGrid(grid);
    } catch (error) {
      if (current()) this.state.failLandscape(`Landscape failed: ${errorMessage(error)}`);
    }
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
    else this.state.setRunStatus('training', 'Training…');
  }
}
