/**
 * `builder_steps_per_s`: training steps per second of a ladder of Model-builder networks (residual
 * CNNs of growing width and depth), and the largest one that trains at interactive speed on the
 * backend. "Interactive" is {@link INTERACTIVE_STEPS_PER_S}: an epoch of the default run (2,000
 * images at batch 32, 63 steps) within about 30 s, so a person sees the curves move and the run
 * finish while they watch.
 */
import { modelSpecFor } from '../../src/domain/model-zoo';
import { deepNarrowCnn } from '../../src/domain/reproduce/skip-preset';
import type { LayerSpec } from '../../src/domain/model';
import { disposeSet, syntheticSet } from './data';
import { interleaved, summarize, timeMs, type RoundPlan, type Summary } from './stats';
import { endRun, startRun, trainSteps } from './train';

/** Steps/s at or above which a model counts as interactive (63 steps in ≈ 30 s). */
export const INTERACTIVE_STEPS_PER_S = 2;

export interface BuilderSizes extends RoundPlan {
  /** Steps per timed block. */
  steps: number;
  batch: number;
}

/** One rung of the ladder: a stem, `blocks` residual blocks of `width` channels, the classifier. */
interface Rung {
  name: string;
  width: number;
  blocks: number;
}

/** From a one-conv CNN (no blocks) up to the skip-connections preset's depth and beyond. */
export const LADDER: Rung[] = [
  { name: 'cnn-w4', width: 4, blocks: 0 },
  { name: 'cnn-w8', width: 8, blocks: 0 },
  { name: 'res-w4-b1', width: 4, blocks: 1 },
  { name: 'res-w8-b2', width: 8, blocks: 2 },
  { name: 'res-w16-b2', width: 16, blocks: 2 },
  { name: 'res-w8-b12', width: 8, blocks: 12 },
  { name: 'res-w32-b4', width: 32, blocks: 4 },
];

/** The builder's layers of a rung: the skip-connections preset's net at this width and depth. */
export function rungLayers({ width, blocks }: Rung): LayerSpec[] {
  return deepNarrowCnn('identity', width, blocks);
}

const SGD = { type: 'sgd', lr: 0.01, momentum: 0.9 } as const;

/**
 * Steps/s (SGD, batch `sizes.batch`, MNIST-shaped synthetic data) of each rung until one falls
 * below the interactive rate or the budget runs out (bigger rungs are then slower still), and the
 * largest interactive rung with its parameter count.
 */
export async function builderStepsPerSecond(sizes: BuilderSizes) {
  const set = syntheticSet(sizes.batch * 4, 5);
  const models: Record<string, { params: number; stepsPerS: Summary }> = {};
  const skipped: string[] = [];
  const deadline = performance.now() + (sizes.budgetS ?? Infinity) * 1000;
  let largest: string | null = null;
  let stop = false;
  try {
    for (const rung of LADDER) {
      const left = (deadline - performance.now()) / 1000;
      if (stop || left <= 0) {
        skipped.push(rung.name);
        continue;
      }
      const spec = modelSpecFor({ model: 'custom', layers: rungLayers(rung) }, [28, 28, 1], 10);
      const run = startRun(spec, SGD, set.x.shape[0], 3);
      try {
        const block = () => timeMs(() => trainSteps(run, set, sizes.batch, sizes.steps));
        const r = await interleaved(
          { [rung.name]: block },
          { ...sizes, minRounds: 1, budgetS: left },
        );
        const perSec = summarize(r.samples[rung.name]!.map((ms) => (1000 * sizes.steps) / ms));
        models[rung.name] = { params: paramCount(run.ts.params), stepsPerS: perSec };
        if (perSec.median >= INTERACTIVE_STEPS_PER_S) largest = rung.name;
        else stop = true;
      } finally {
        endRun(run);
      }
    }
  } finally {
    disposeSet(set);
  }
  return {
    batch: sizes.batch,
    interactiveStepsPerS: INTERACTIVE_STEPS_PER_S,
    models,
    largestInteractive: largest,
    ...(skipped.length ? { skipped } : {}),
  };
}

function paramCount(params: Record<string, { size: number }>): number {
  return Object.values(params).reduce((n, t) => n + t.size, 0);
}
