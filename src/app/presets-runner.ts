/**
 * Runs a Reproduce preset end to end through the worker's existing RPCs: trains every arm for
 * every paired seed, measures each solution's test error on the preset's test images (the whole
 * test set at full size) and what the claims need (`preset-measures.ts`: basin width along
 * shared random directions, λ_max, θ(α) barriers from the baseline, ...), and judges each claim
 * on these numbers alone.
 */
import { solutionRef } from '../domain/solution';
import { isCancelledError } from '../domain/cancel';
import {
  armConfig,
  armLabel,
  baselineArm,
  neededMeasures,
  type Arm,
  type Preset,
} from '../domain/reproduce/presets';
import {
  judge,
  type ClaimResult,
  type RunMeasures,
  type SeedMeasures,
} from '../domain/reproduce/verdict';
import { isRunActive, type FlatlandStore } from '../store';
import type { RunInfo, TrainEvent } from '../domain/api';
import { errorMessage } from '../domain/format';
import {
  MEASURERS,
  type ExtraMeasure,
  type PresetCtx,
  type PresetEngine,
  type SeedRuns,
} from './preset-measures';

export type { PresetEngine } from './preset-measures';

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

/** Relative cost of training a run and of its test error, for one progress bar. */
const COST = { train: 4, test: 1 };

/** The measures the claims need beyond train loss and test error, in a fixed order. */
function extraMeasures(p: Preset): ExtraMeasure[] {
  const need = neededMeasures(p);
  return (Object.keys(MEASURERS) as ExtraMeasure[]).filter((m) => need.has(m));
}

function plannedUnits(p: Preset): number {
  const perRun = extraMeasures(p).reduce((sum, m) => sum + MEASURERS[m].cost(p), 0);
  return p.seeds.length * p.arms.length * (COST.train + COST.test + perRun);
}

class Stopped extends Error {}

async function train(ctx: PresetCtx, seed: number, arm: Arm, label: string) {
  const config = armConfig(ctx.preset, arm, seed);
  const text = `${label}: training ${arm.label}`;
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
 * Test accuracy on the preset's test images and loss on the training subset (up to as many
 * samples), as θ(α) of the run with itself at α = 0: one evaluation through an existing RPC.
 */
async function finalMetrics(ctx: PresetCtx, run: RunInfo, seed: number, label: string) {
  ctx.report(ctx.done, `${label}: test error of ${run.name}`);
  const ref = solutionRef(run);
  const r = await ctx.engine.interpolate(
    { a: ref, b: ref, points: 1, from: 0, to: 0, evalSamples: ctx.preset.probe.testSamples, seed },
    () => undefined,
  );
  ctx.done += COST.test;
  return { testAcc: r.testAcc[0] ?? NaN, trainLoss: r.trainLoss[0] ?? NaN };
}

/** Trains a seed's runs (every arm), then measures each; `into` fills up as results arrive. */
async function runSeed(ctx: PresetCtx, seed: number, label: string, into: SeedMeasures) {
  const { preset } = ctx;
  const runs = new Map<string, RunInfo>();
  for (const arm of preset.arms) runs.set(arm.id, await train(ctx, seed, arm, label));
  const seedRuns: SeedRuns = { seed, label, runs, baseline: runs.get(baselineArm(preset).id)! };
  for (const arm of preset.arms) {
    const run = runs.get(arm.id)!;
    const m: RunMeasures = { runId: run.id, ...(await finalMetrics(ctx, run, seed, label)) };
    into.runs[arm.id] = m;
    for (const key of extraMeasures(preset)) {
      m[key] = await MEASURERS[key].measure(ctx, arm, run, seedRuns);
      ctx.done += MEASURERS[key].cost(preset);
    }
  }
}

/** The verdict of every claim of `preset` on `seeds`, with the arms named as the preset names them. */
export function judgePreset(preset: Preset, seeds: SeedMeasures[]): ClaimResult[] {
  const name = (id: string) => armLabel(preset, id);
  return preset.claims.map((c) => judge(c, seeds, name, baselineArm(preset).label));
}

/** Runs every seed of `preset`; Stop (a stopped run or a cancelled job) ends it early. */
export async function runPreset(
  preset: Preset,
  engine: PresetEngine,
  onProgress: (p: PresetProgress) => void,
): Promise<PresetOutcome> {
  const started = Date.now();
  const total = plannedUnits(preset);
  const ctx: PresetCtx = {
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
  const claims = judgePreset(preset, seeds);
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
