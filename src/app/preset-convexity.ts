/**
 * The convexity measures of a Reproduce preset (Li et al. 2018, §6, Fig. 7): each solution's
 * convexity map over a random filter-normalised plane, the same raw draw for every run of a seed
 * (each run normalises it against its own weights, Li et al. §4), on the run's own training
 * labels. Both measures come from one map per run.
 */
import { solutionRef } from '../domain/solution';
import { convexitySummary, type ConvexitySummary, type CurvatureJob } from '../domain/curvature';
import type { Preset } from '../domain/reproduce/presets';
import type { RunInfo } from '../domain/api';
import type { Measurer, PresetCtx, SeedRuns } from './preset-measures';

/** The job of one run's map: the preset's grid and budget, the seed's shared directions. */
export function convexityJob(preset: Preset, run: RunInfo, seed: SeedRuns): CurvatureJob {
  const c = preset.probe.curvature;
  if (!c) throw new Error(`preset ${preset.id} measures convexity without curvature settings`);
  const { range, ...settings } = c;
  return {
    ref: solutionRef(run),
    config: {
      slicePoints: 3,
      sliceRange: range,
      gridSize: settings.gridSize,
      gridRange: range,
      evalSamples: preset.probe.evalSamples,
      seed: seed.seed,
      directions: { kind1: 'random', kind2: 'random', shareWith: seed.baseline.id },
    },
    settings,
  };
}

/** One map per run and preset run (both measures read it), dropped with the runner's context. */
const summaries = new WeakMap<PresetCtx, Map<string, Promise<ConvexitySummary>>>();

function summaryOf(ctx: PresetCtx, run: RunInfo, seed: SeedRuns): Promise<ConvexitySummary> {
  let byRun = summaries.get(ctx);
  if (!byRun) summaries.set(ctx, (byRun = new Map()));
  let summary = byRun.get(run.id);
  if (!summary) {
    ctx.report(ctx.done, `${seed.label}: convexity map of ${run.name}`);
    const job = convexityJob(ctx.preset, run, seed);
    summary = ctx.engine.curvatureMap(job, () => undefined).then((m) => convexitySummary(m));
    byRun.set(run.id, summary);
  }
  return summary;
}

/** Units of the progress bar: a map is about as long as training the run (4). */
const cost = (p: Preset) => (p.probe.curvature ? 2 : 0);

export const CONVEXITY_MEASURERS: Record<'nonConvexShare' | 'curvatureRatio', Measurer> = {
  nonConvexShare: {
    cost,
    measure: async (ctx, _arm, run, seed) => (await summaryOf(ctx, run, seed)).negativeShare,
  },
  curvatureRatio: {
    cost,
    measure: async (ctx, _arm, run, seed) => (await summaryOf(ctx, run, seed)).meanRatio,
  },
};
