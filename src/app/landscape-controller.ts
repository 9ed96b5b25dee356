/**
 * The landscape of the explored weights: the 1D slice, then the 2D grid, then probes along the
 * slice on demand. A generation number tells stale results apart: whenever other weights are to
 * be explored (a new run, Explore, deleting the explored run) the generation moves on, and
 * whatever the older one still computes is cancelled and dropped.
 */
import { createCoalescer, type Coalescer } from './coalesce';
import { isCancelledError } from '../domain/cancel';
import { centerPoint } from '../domain/slice';
import { errorMessage } from '../domain/format';
import type { AnalysisClient, EngineClient, ProbeClient } from './worker-client';
import type { FlatlandStore } from '../store';
import type { LandscapeConfig } from '../domain/api';

export interface LandscapeDeps {
  engine: Pick<EngineClient, 'slice1d' | 'grid2d' | 'evaluateAt'> &
    Pick<AnalysisClient, 'cancel'> &
    ProbeClient;
  store: FlatlandStore;
}

/** "Landscape cancelled." for Cancel (the worker's CancelledError keeps its name), else why. */
export function landscapeError(error: unknown): string {
  if (isCancelledError(error)) return 'Landscape cancelled.';
  return `Landscape failed: ${errorMessage(error)}`;
}

/**
 * A User Timing mark set when a 2D probe's value reaches the UI thread, so the time from there to
 * the updated readout can be measured in the browser (e2e/perturb.spec.ts). Only the latest is kept.
 */
export const PROBE_RESULT_MARK = 'flatland:probe2d-result';

function markProbeResult(): void {
  performance.clearMarks(PROBE_RESULT_MARK);
  performance.mark(PROBE_RESULT_MARK);
}

export class LandscapeController {
  private done: Promise<void> = Promise.resolve();
  private running = false;
  private gen = 0;
  private readonly evaluator: Coalescer<{ t: number; gen: number }>;
  private readonly planeEvaluator: Coalescer<{ a: number; b: number; gen: number }>;

  constructor(private readonly deps: LandscapeDeps) {
    // Probes may overlap the grid: the worker builds every point as new tensors and never moves
    // the trained weights, so both read the same model safely.
    this.planeEvaluator = this.createPlaneEvaluator();
    this.evaluator = createCoalescer(
      async ({ t, gen }: { t: number; gen: number }) => ({
        value: await deps.engine.evaluateAt(t),
        gen,
      }),
      {
        onResult: ({ value, gen }) => gen === this.gen && this.state.setProbeValue(value),
        onError: (error, { gen }) =>
          gen === this.gen && this.state.setProbeError(errorMessage(error)),
      },
    );
  }

  private get state() {
    return this.deps.store.getState();
  }

  /** Drops whatever is being computed or probed now; returns the new generation. */
  invalidate(): number {
    this.gen += 1;
    return this.gen;
  }

  isCurrent(gen: number): boolean {
    return gen === this.gen;
  }

  /** True while a slice, grid or probe still reads the explored weights. */
  busy(): boolean {
    return this.running || this.evaluator.busy() || this.planeEvaluator.busy();
  }

  /** Cancels a running slice or grid and waits for it and any probe to end. */
  async settle(): Promise<void> {
    if (this.running) await this.deps.engine.cancel().catch(() => undefined);
    await Promise.all([this.done, this.evaluator.whenIdle(), this.planeEvaluator.whenIdle()]);
  }

  /** Asks for loss and accuracy at w + t·d; only the newest pending position is evaluated. */
  probe(t: number): void {
    const s = this.state;
    if (!s.landscape.slice) return;
    s.setProbeT(t);
    this.evaluator.request({ t, gen: this.gen });
  }

  private createPlaneEvaluator() {
    return createCoalescer(
      async ({ a, b, gen }: { a: number; b: number; gen: number }) => ({
        value: await this.deps.engine.evaluateAt2d(a, b),
        gen,
      }),
      {
        onResult: ({ value, gen }) => {
          if (gen !== this.gen) return;
          markProbeResult();
          this.state.setProbe2dValue(value);
        },
        onError: (error, { gen }) =>
          gen === this.gen && this.state.setProbe2dError(errorMessage(error)),
      },
    );
  }

  /** Asks for loss, accuracy and predictions at w + a·d₁ + b·d₂; newest position only. */
  probePlane(a: number, b: number): void {
    const s = this.state;
    if (!s.landscape.grid) return;
    s.setProbe2dPosition(a, b);
    this.planeEvaluator.request({ a, b, gen: this.gen });
  }

  /**
   * The 1D slider was released: its last position is evaluated now rather than after a stale
   * probe still in flight (that one's result is dropped and the worker abandons it).
   */
  releaseProbe(): void {
    this.evaluator.flush();
  }

  /** The same for the 2D sliders. */
  releasePlane(): void {
    this.planeEvaluator.flush();
  }

  /** Fetches the strip of test images shown under the sliders, for the explored weights. */
  async loadProbeImages(): Promise<void> {
    const gen = this.gen;
    try {
      const images = await this.deps.engine.probeImages();
      if (gen === this.gen) this.state.setProbeImages(images);
    } catch {
      // Without images the strip stays hidden; the readouts report worker errors themselves.
    }
  }

  /** Slice, then grid; results count only while `gen` is current and session `runId` too. */
  compute(gen: number, runId: number, config: LandscapeConfig): Promise<void> {
    const current = () => this.isCurrent(gen) && this.state.run.id === runId;
    // A newer session may have started while the comparison view's jobs ran first.
    if (!current()) return Promise.resolve();
    this.running = true;
    this.done = this.sliceAndGrid(current, config).finally(() => {
      this.running = false;
    });
    return this.done;
  }

  private async sliceAndGrid(current: () => boolean, config: LandscapeConfig): Promise<void> {
    const { engine } = this.deps;
    try {
      this.state.startLandscape(config);
      const slice = await engine.slice1d(
        config,
        (p) => current() && this.state.setSliceProgress(p),
      );
      if (!current()) return;
      this.state.setSlice(slice);
      const center = centerPoint(slice);
      if (center) this.state.setProbeValue(center);
      this.state.setLandscapeStatus('grid');
      const grid = await engine.grid2d(
        config,
        (p) => current() && this.state.setGridProgress(p),
        (coarse) => current() && this.state.setCoarseGrid(coarse),
      );
      if (current()) this.state.setGrid(grid);
    } catch (error) {
      if (current()) this.state.failLandscape(landscapeError(error));
    }
  }
}

/** What the perturbation sliders ask the landscape controller for directly. */
export type PerturbApi = Pick<
  LandscapeController,
  'probePlane' | 'releaseProbe' | 'releasePlane' | 'loadProbeImages'
>;
