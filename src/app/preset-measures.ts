/**
 * What a Reproduce preset measures on each trained solution, one entry per measure: a new
 * measure is its field in `RunMeasures`, its name in `Measure` and one entry of {@link MEASURERS}.
 * Every measure goes through the worker's existing RPCs, on the run's own training labels.
 */
import { basinWidth } from '../domain/sharpness-basin';
import { solutionRef } from '../domain/solution';
import type { Arm, Measure, Preset } from '../domain/reproduce/presets';
import { barrier } from '../domain/reproduce/verdict';
import type { RunInfo } from '../domain/api';
import type { AnalysisClient, EngineClient, ExploreClient } from './worker-client';
import { CONVEXITY_MEASURERS } from './preset-convexity';

export type PresetEngine = Pick<EngineClient, 'train'> &
  Pick<
    AnalysisClient,
    'listRuns' | 'sharpness' | 'interpolate' | 'ensembles' | 'connect' | 'curvatureMap'
  > &
  Pick<ExploreClient, 'runLandscape'>;

/** The runner's state that measures share: the preset, the worker and the progress bar. */
export interface PresetCtx {
  preset: Preset;
  engine: PresetEngine;
  /** Reports progress: units done so far and what runs now. */
  report: (units: number, text: string) => void;
  done: number;
}

/** The runs one seed trained, keyed by arm id; the baseline is the first arm's run. */
export interface SeedRuns {
  seed: number;
  /** "Seed 2 of 5", for progress texts. */
  label: string;
  runs: Map<string, RunInfo>;
  baseline: RunInfo;
}

/** One measure of one arm's solution. */
export interface Measurer {
  /** Its share of the progress bar per run, in units where training a run costs 4. */
  cost(preset: Preset): number;
  measure(ctx: PresetCtx, arm: Arm, run: RunInfo, seed: SeedRuns): Promise<number>;
}

/** Measures the claims may name beyond train loss and test error (always measured). */
export type ExtraMeasure = Exclude<Measure, 'testError' | 'trainLoss'>;

/**
 * Mean basin width over the preset's random draws, shared by every run of the seed; each run
 * normalises them against its own weights (the worker's `shareWith`, Li et al. §4).
 */
async function meanWidth(ctx: PresetCtx, run: RunInfo, seed: SeedRuns) {
  const { probe } = ctx.preset;
  const widths: number[] = [];
  for (let d = 0; d < probe.directions; d++) {
    ctx.report(ctx.done, `${seed.label}: slice ${d + 1} of ${probe.directions} of ${run.name}`);
    const config = {
      slicePoints: probe.slicePoints,
      sliceRange: probe.sliceRange,
      gridSize: 3,
      gridRange: probe.sliceRange,
      evalSamples: probe.evalSamples,
      seed: d + 1,
      directions: {
        kind1: 'random' as const,
        kind2: 'random' as const,
        shareWith: seed.baseline.id,
      },
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
  }
  return widths.reduce((a, b) => a + b, 0) / widths.length;
}

/**
 * λ_max of the training loss at the solution: the one place the runner asks for it, so a change
 * of the Hessian code (exact Hessian-vector products) touches only this function.
 */
async function lambdaMax(ctx: PresetCtx, run: RunInfo, seed: SeedRuns) {
  ctx.report(ctx.done, `${seed.label}: λ_max of ${run.name}`);
  const report = await ctx.engine.sharpness(
    {
      weights: solutionRef(run),
      samples: ctx.preset.probe.sharpnessSamples,
      seed: seed.seed,
      rho: 0.05,
      adaptiveRho: 0.5,
      stages: ['lambdaMax'],
    },
    () => undefined,
  );
  return report.lambdaMax?.value ?? NaN;
}

/**
 * m-sharpness (Foret et al. 2021 §4.1) of the solution: the mean over disjoint sets of m
 * training samples (the run's own labels) of the worst-case ρ-sharpness, by the Sharpness
 * panel's measure with the preset's m and ρ.
 */
async function mSharpnessOf(ctx: PresetCtx, run: RunInfo, seed: SeedRuns) {
  const { probe } = ctx.preset;
  if (!probe.mSharpness) throw new Error(`preset ${ctx.preset.id} sets no m-sharpness m and ρ`);
  ctx.report(ctx.done, `${seed.label}: m-sharpness of ${run.name}`);
  const report = await ctx.engine.sharpness(
    {
      weights: solutionRef(run),
      samples: probe.sharpnessSamples,
      seed: seed.seed,
      rho: probe.mSharpness.rho,
      adaptiveRho: 0.5,
      m: probe.mSharpness.m,
      stages: ['mSharpness'],
    },
    () => undefined,
  );
  return report.mSharpness?.mean ?? NaN;
}

/** θ(α) barrier from the seed's baseline solution to this one (0 for the baseline itself). */
async function barrierFromBaseline(ctx: PresetCtx, run: RunInfo, seed: SeedRuns) {
  if (run.id === seed.baseline.id) return 0;
  ctx.report(ctx.done, `${seed.label}: θ(α) from ${seed.baseline.name} to ${run.name}`);
  const { probe } = ctx.preset;
  const r = await ctx.engine.interpolate(
    {
      a: solutionRef(seed.baseline),
      b: solutionRef(run),
      points: probe.interpolationPoints,
      from: 0,
      to: 1,
      evalSamples: probe.evalSamples,
      seed: seed.seed,
    },
    () => undefined,
  );
  return barrier(r.alpha, r.trainLoss);
}

/**
 * Test error of the run's prediction rule on the preset's test images: FGE's ensemble of all its
 * snapshots (mean softmax predictions, Garipov et al. 2018), else the solution itself (the SWA
 * average, SGD's final weights), evaluated on the same seeded test samples.
 */
async function ensembleTestError(ctx: PresetCtx, run: RunInfo, seed: SeedRuns) {
  const samples = ctx.preset.probe.testSamples;
  if (run.snapshots) {
    ctx.report(ctx.done, `${seed.label}: ensemble of ${run.snapshots} snapshots of ${run.name}`);
    const r = await ctx.engine.ensembles({ runId: run.id, evalSamples: samples }, () => undefined);
    return 1 - (r.fgeAcc[r.fgeAcc.length - 1] ?? NaN);
  }
  ctx.report(ctx.done, `${seed.label}: test error of ${run.name}`);
  const ref = solutionRef(run);
  const r = await ctx.engine.interpolate(
    { a: ref, b: ref, points: 1, from: 0, to: 0, evalSamples: samples, seed: seed.seed },
    () => undefined,
  );
  return 1 - (r.testAcc[0] ?? NaN);
}

/**
 * Barrier (train loss, the runs' own labels) along a curve with one bend trained between the
 * seed's baseline solution and this one (Garipov et al. 2018), at θ(α)'s α grid; 0 for the baseline.
 */
async function curveBarrierFromBaseline(ctx: PresetCtx, run: RunInfo, seed: SeedRuns) {
  if (run.id === seed.baseline.id) return 0;
  const { probe } = ctx.preset;
  if (!probe.curve) throw new Error(`Preset ${ctx.preset.id} sets no curve training.`);
  ctx.report(ctx.done, `${seed.label}: curve from ${seed.baseline.name} to ${run.name}`);
  const r = await ctx.engine.connect(
    {
      a: solutionRef(seed.baseline),
      b: solutionRef(run),
      ...probe.curve,
      points: probe.interpolationPoints,
      gridPoints: 0,
      evalSamples: probe.evalSamples,
      seed: seed.seed,
    },
    () => undefined,
  );
  return r.curveBarrier.train;
}

export const MEASURERS: Record<ExtraMeasure, Measurer> = {
  basinWidth: {
    cost: (p) => p.probe.directions,
    measure: (ctx, _arm, run, seed) => meanWidth(ctx, run, seed),
  },
  lambdaMax: { cost: () => 2, measure: (ctx, _arm, run, seed) => lambdaMax(ctx, run, seed) },
  barrier: {
    cost: () => 1,
    measure: (ctx, _arm, run, seed) => barrierFromBaseline(ctx, run, seed),
  },
  ensembleTestError: {
    cost: () => 1,
    measure: (ctx, _arm, run, seed) => ensembleTestError(ctx, run, seed),
  },
  mSharpness: { cost: () => 2, measure: (ctx, _arm, run, seed) => mSharpnessOf(ctx, run, seed) },
  // Training the bend costs about as much as training a run over as many epochs.
  curveBarrier: {
    cost: (p) => 1 + (4 * (p.probe.curve?.epochs ?? 0)) / Math.max(1, p.train.epochs),
    measure: (ctx, _arm, run, seed) => curveBarrierFromBaseline(ctx, run, seed),
  },
  ...CONVEXITY_MEASURERS,
};
