/**
 * Runs a Reproduce preset end to end through the worker's existing RPCs: trains every optimizer
 * for every paired seed, measures each solution's test error on the preset's test images (the
 * whole test set at full size) and what the claims need (basin width along shared random
 * directions, λ_max, θ(α) barriers from SGD), and judges each claim on these numbers alone.
 */
import { basinWidth } from '../domain/sharpness-basin';
import { solutionRef } from '../domain/solution';
import { isCancelledError } from '../domain/cancel';
import { neededMeasures, type Preset } from '../domain/reproduce/presets';
import {
  barrier,
  judge,
  type ClaimResult,
  type RunMeasures,
  type SeedMeasures,
} from '../domain/reproduce/verdict';
import { isRunActive, type FlatlandStore } from '../store';
import type { OptimizerId, RunInfo, TrainEvent } from '../domain/api';
import { errorMessage } from '../domain/format';
import type { AnalysisClient, EngineClient, ExploreClient } from './worker-client';

export type PresetEngine = Pick<EngineClient, 'train'> &
  Pick<AnalysisClient, 'listRuns' | 'sharpness' | 'interpolate'> &
  Pick<ExploreClient, 'runLandscape'>;

export interface PresetProgress {
  done: number;
  total: number;
  /** What runs now, e.g. "Seed 2 of 3: training SAM". */
  text: string;
}

export interface PresetOutcome {
  preset: Preset['id'];
  size: Preset['size'];
  /** `stopped`: Stop was pressed; the claims are judged on what was measured until then. */
  status: 'finished' | 'stopped';
  seeds: SeedMeasures[];
  claims: ClaimResult[];
  elapsedMs: number;
}

/** Relative cost of each task, for one progress bar over the whole preset. */
const COST = { train: 4, test: 1, slice: 1, lambdaMax: 2, barrier: 1 };

function plannedUnits(p: Preset): number {
  const m = neededMeasures(p);
  const perRun =
    COST.train +
    COST.test +
    (m.has('basinWidth') ? COST.slice * p.probe.directions : 0) +
    (m.has('lambdaMax') ? COST.lambdaMax : 0) +
    (m.has('barrier') ? COST.barrier : 0);
  return p.seeds.length * p.optimizers.length * perRun;
}

class Stopped extends Error {}

interface Ctx {
  preset: Preset;
  engine: PresetEngine;
  report: (units: number, text: string) => void;
  done: number;
}

async function train(ctx: Ctx, seed: number, optimizer: OptimizerId, label: string) {
  const config = { ...ctx.preset.train, optimizer, seed };
  const text = `${label}: training ${optimizer.toUpperCase()}`;
  const onEvents = (events: TrainEvent[]) => {
    const step = events.findLast((e) => e.kind === 'step');
    if (step) ctx.report(ctx.done + (COST.train * step.step) / step.totalSteps, text);
  };
  ctx.report(ctx.done, text);
  const summary = await ctx.engine.train(config, onEvents);
  if (summary.status === 'stopped' || !summary.runId) throw new Stopped();
  ctx.done += COST.train;
  const run = (await ctx.engine.listRuns()).find((r) => r.id === summary.runId);
  if (!run) throw new Error('the trained run is missing from the run list');
  return run;
}

/**
 * Mean basin width over the preset's random draws, shared by every run of the seed; each run
 * normalises them against its own weights (the worker's `shareWith`, Li et al. §4).
 */
async function meanWidth(ctx: Ctx, run: RunInfo, shareWith: string, label: string) {
  const { probe } = ctx.preset;
  const widths: number[] = [];
  for (let d = 0; d < probe.directions; d++) {
    ctx.report(ctx.done, `${label}: slice ${d + 1} of ${probe.directions} of ${run.name}`);
    const config = {
      slicePoints: probe.slicePoints,
      sliceRange: probe.sliceRange,
      gridSize: 3,
      gridRange: probe.sliceRange,
      evalSamples: probe.evalSamples,
      seed: d + 1,
      directions: { kind1: 'random' as const, kind2: 'random' as const, shareWith },
    };
    const r = await ctx.engine.runLandscape(
      { ref: solutionRef(run), config, grid: false },
      () => undefined,
    );
    const w = basinWidth(r.slice.t, r.slice.trainLoss, {
      kind: 'additive',
      value: probe.basinRise,
    });
    widths.push(w.width);
    ctx.done += COST.slice;
  }
  return widths.reduce((a, b) => a + b, 0) / widths.length;
}

/**
 * Test accuracy on the preset's test images and loss on the training subset (up to as many
 * samples), as θ(α) of the run with itself at α = 0: one evaluation through an existing RPC.
 */
async function finalMetrics(ctx: Ctx, run: RunInfo, seed: number, label: string) {
  ctx.report(ctx.done, `${label}: test error of ${run.name}`);
  const ref = solutionRef(run);
  const r = await ctx.engine.interpolate(
    { a: ref, b: ref, points: 1, from: 0, to: 0, evalSamples: ctx.preset.probe.testSamples, seed },
    () => undefined,
  );
  ctx.done += COST.test;
  return { testAcc: r.testAcc[0] ?? NaN, trainLoss: r.trainLoss[0] ?? NaN };
}

/**
 * λ_max of the training loss at the solution: the one place the runner asks for it, so a change
 * of the Hessian code (exact Hessian-vector products) touches only this function.
 */
async function lambdaMax(ctx: Ctx, run: RunInfo, seed: number, label: string) {
  ctx.report(ctx.done, `${label}: λ_max of ${run.name}`);
  const report = await ctx.engine.sharpness(
    {
      weights: solutionRef(run),
      samples: ctx.preset.probe.sharpnessSamples,
      seed,
      rho: 0.05,
      adaptiveRho: 0.5,
      stages: ['lambdaMax'],
    },
    () => undefined,
  );
  ctx.done += COST.lambdaMax;
  return report.lambdaMax?.value ?? NaN;
}

async function barrierFrom(ctx: Ctx, sgd: RunInfo, run: RunInfo, seed: number, label: string) {
  ctx.report(ctx.done, `${label}: θ(α) from ${sgd.name} to ${run.name}`);
  const { probe } = ctx.preset;
  const r = await ctx.engine.interpolate(
    {
      a: solutionRef(sgd),
      b: solutionRef(run),
      points: probe.interpolationPoints,
      from: 0,
      to: 1,
      evalSamples: probe.evalSamples,
      seed,
    },
    () => undefined,
  );
  ctx.done += COST.barrier;
  return barrier(r.alpha, r.trainLoss);
}

/** Trains a seed's runs, then measures each; `into` fills up as results arrive. */
async function runSeed(ctx: Ctx, seed: number, label: string, into: SeedMeasures) {
  const runs = new Map<OptimizerId, RunInfo>();
  for (const o of ctx.preset.optimizers) runs.set(o, await train(ctx, seed, o, label));
  const need = neededMeasures(ctx.preset);
  const sgd = runs.get('sgd') ?? runs.get(ctx.preset.optimizers[0]!)!;
  for (const [o, run] of runs) {
    const m: RunMeasures = { runId: run.id, ...(await finalMetrics(ctx, run, seed, label)) };
    into.runs[o] = m;
    if (need.has('basinWidth')) m.basinWidth = await meanWidth(ctx, run, sgd.id, label);
    if (need.has('lambdaMax')) m.lambdaMax = await lambdaMax(ctx, run, seed, label);
    if (need.has('barrier')) {
      m.barrier = run === sgd ? 0 : await barrierFrom(ctx, sgd, run, seed, label);
      if (run === sgd) ctx.done += COST.barrier;
    }
  }
}

/** Runs every seed of `preset`; Stop (a stopped run or a cancelled job) ends it early. */
export async function runPreset(
  preset: Preset,
  engine: PresetEngine,
  onProgress: (p: PresetProgress) => void,
): Promise<PresetOutcome> {
  const started = Date.now();
  const total = plannedUnits(preset);
  const ctx: Ctx = {
    preset,
    engine,
    done: 0,
    report: (done, text) => onProgress({ done: Math.min(done, total), total, text }),
  };
  const seeds: SeedMeasures[] = [];
  let status: PresetOutcome['status'] = 'finished';
  try {
    for (const [i, seed] of preset.seeds.entries()) {
      const measures: SeedMeasures = { seed, runs: {} };
      await runSeed(ctx, seed, `Seed ${i + 1} of ${preset.seeds.length}`, measures);
      seeds.push(measures);
    }
  } catch (e) {
    if (!(e instanceof Stopped) && !isCancelledError(e)) throw e;
    status = 'stopped';
  }
  onProgress({ done: status === 'finished' ? total : ctx.done, total, text: 'Done' });
  const claims = preset.claims.map((c) => judge(c, seeds));
  const elapsedMs = Date.now() - started;
  return { preset: preset.id, size: preset.size, status, seeds, claims, elapsedMs };
}

export interface StartPresetDeps {
  engine: PresetEngine;
  store: FlatlandStore;
  /** Picks the backend (the run controller's, so it happens once). */
  init: () => Promise<void>;
  onProgress: (p: PresetProgress) => void;
}

/**
 * Runs a preset as the app's current session: Train, Compare and the analysis tools wait while it
 * runs, Stop stops it, and its runs join the run list. Null when something else is running.
 */
export async function startPreset(
  preset: Preset,
  deps: StartPresetDeps,
): Promise<PresetOutcome | null> {
  // As Train: a press that lands while saved runs come back starts once they are back.
  if (deps.store.getState().persistence.restoring) await deps.init().catch(() => undefined);
  const s = deps.store.getState();
  const landscapeBusy = s.landscape.status === 'slice' || s.landscape.status === 'grid';
  if (isRunActive(s.run.status) || s.analysis.job || landscapeBusy) return null;
  const id = s.beginRun(preset.train.epochs);
  const state = () => deps.store.getState();
  state().setRunStatus('training', `Reproduce: ${preset.label}…`);
  try {
    await deps.init();
    const outcome = await runPreset(preset, deps.engine, deps.onProgress);
    state().setRuns(await deps.engine.listRuns());
    if (state().run.id === id) {
      const done = outcome.status === 'finished';
      state().setRunStatus(outcome.status, done ? 'Reproduction finished' : 'Reproduction stopped');
    }
    return outcome;
  } catch (error) {
    if (state().run.id === id) state().failRun(`Reproduce failed: ${errorMessage(error)}`);
    throw error;
  }
}
