import { MODEL_ZOO, type OptimizerConfig, type ZooModelId } from '../../src/engine';
import { disposeSet, syntheticSet } from './data';
import {
  interleaved,
  memorySnapshot,
  pairedRatios,
  summarize,
  timeMs,
  type RoundPlan,
  type Summary,
} from './stats';
import { endRun, startRun, trainSteps, type Run } from './train';

/** Sizes of the optimizer comparison: one timed block per optimizer and round is one epoch. */
export interface OptimizerSizes extends RoundPlan {
  /** Samples in the synthetic training set; an epoch is samples / batch steps. */
  samples: number;
  batch: number;
}

/** Sizes of the zoo's steps/s: `steps` steps per timed block, per model and batch size. */
export interface ZooSizes extends RoundPlan {
  samples: number;
  steps: number;
  batches: number[];
}

const SPEC = () => MODEL_ZOO['tiny-cnn'].spec([28, 28, 1]);
const SGD = { type: 'sgd', lr: 0.01, momentum: 0.9 } as const;

/** The four optimizers of the ratios; SWA/WASAM average once per epoch from step 1. */
export function optimizerConfigs(stepsPerEpoch: number): Record<string, OptimizerConfig> {
  const swa = { startStep: 1, every: stepsPerEpoch };
  return {
    sgd: SGD,
    sam: { type: 'sam', base: SGD, rho: 0.05 },
    swa: { type: 'swa', base: SGD, swa },
    wasam: { type: 'wasam', base: SGD, rho: 0.05, swa },
  };
}

const RATIOS = [
  ['sam_over_sgd', 'sam', 'sgd'],
  ['swa_over_sgd', 'swa', 'sgd'],
  ['wasam_over_sam', 'wasam', 'sam'],
] as const;

/**
 * Milliseconds per training step of tiny-cnn under SGD, SAM, SWA and WASAM, from the same
 * initial weights and the same data order. Each round times one epoch of each optimizer in
 * turn (so SWA and WASAM pay exactly one averaging step per block, at their once-per-epoch
 * frequency), with one readback per block as the app's loop; the warm-up round compiles every
 * kernel, the averaging ones included. The ratios are medians of the per-round ratios.
 */
export async function optimizerStepMs(sizes: OptimizerSizes) {
  const { samples, batch } = sizes;
  const perEpoch = Math.floor(samples / batch);
  const set = syntheticSet(samples, 1);
  const runs: Record<string, Run> = {};
  for (const [name, cfg] of Object.entries(optimizerConfigs(perEpoch)))
    runs[name] = startRun(SPEC(), cfg, samples, 7);
  try {
    const cases = Object.fromEntries(
      Object.entries(runs).map(([name, run]) => [
        name,
        async () => (await timeMs(() => trainSteps(run, set, batch, perEpoch))) / perEpoch,
      ]),
    );
    const r = await interleaved(cases, sizes);
    const ratios = Object.fromEntries(
      RATIOS.map(([key, a, b]) => [key, summarize(pairedRatios(r.samples[a]!, r.samples[b]!))]),
    ) as Record<(typeof RATIOS)[number][0], Summary>;
    return {
      model: 'tiny-cnn',
      samples,
      batch,
      stepsPerBlock: perEpoch,
      averaging: `SWA/WASAM: once per epoch (every ${perEpoch} steps, from step 1); one averaging step in every timed block`,
      rounds: r.rounds,
      ...(r.stoppedEarly ? { stoppedEarly: r.stoppedEarly } : {}),
      msPerStep: r.summaries,
      ratios,
      sam_over_sgd: ratios.sam_over_sgd.median,
      swa_over_sgd: ratios.swa_over_sgd.median,
      wasam_over_sam: ratios.wasam_over_sam.median,
    };
  } finally {
    Object.values(runs).forEach(endRun);
    disposeSet(set);
  }
}

/**
 * Training steps per second (SGD, Flatland's loop) of every zoo model at each batch size
 * (median over rounds, with the spread). Models not reached within `budgetS` are listed as
 * skipped: on a software GPU each new model costs minutes of shader compilation.
 */
export async function zooStepsPerSecond(sizes: ZooSizes) {
  const models: Record<string, Record<string, number>> = {};
  const spread: Record<string, Summary> = {};
  const skipped: string[] = [];
  const set = syntheticSet(Math.max(sizes.samples, ...sizes.batches), 2);
  const deadline = performance.now() + (sizes.budgetS ?? Infinity) * 1000;
  try {
    for (const id of Object.keys(MODEL_ZOO) as ZooModelId[]) {
      for (const batch of sizes.batches) {
        const name = `${id}@${batch}`;
        const left = (deadline - performance.now()) / 1000;
        if (left <= 0) {
          skipped.push(name);
          continue;
        }
        const run = startRun(MODEL_ZOO[id].spec([28, 28, 1]), SGD, set.x.shape[0], 3);
        try {
          const step = () => timeMs(() => trainSteps(run, set, batch, sizes.steps));
          const r = await interleaved({ [name]: step }, { ...sizes, minRounds: 1, budgetS: left });
          const perSec = r.samples[name]!.map((ms) => (1000 * sizes.steps) / ms);
          spread[name] = summarize(perSec);
          (models[id] ??= {})[String(batch)] = spread[name].median;
        } finally {
          endRun(run);
        }
      }
    }
  } finally {
    disposeSet(set);
  }
  return { models, spread, ...(skipped.length ? { skipped } : {}) };
}

/**
 * tf.memory() after every `every` steps of a WASAM run (the optimizer with the most state: SGD
 * momentum, SAM's second pass and the SWA average): a flat tensor count means no step leaks.
 * tiny-cnn by default, whose kernels the other sections have compiled already (on SwiftShader a
 * new model costs a minute of shader compilation).
 */
export async function memoryDuringTraining(
  steps: number,
  every: number,
  model: ZooModelId = 'tiny-cnn',
  batch = 64,
) {
  const samples = batch * 8;
  const set = syntheticSet(samples, 4);
  const cfg = optimizerConfigs(8).wasam!;
  const before = memorySnapshot();
  const run = startRun(MODEL_ZOO[model].spec([28, 28, 1]), cfg, samples, 5);
  const series: Array<{ step: number } & ReturnType<typeof memorySnapshot>> = [];
  try {
    // Chunks of `every` steps, each ending with its readback, so no loss is pending at a sample.
    for (let done = every; done <= steps; done += every) {
      await trainSteps(run, set, batch, every);
      series.push({ step: done, ...memorySnapshot() });
    }
  } finally {
    endRun(run);
    disposeSet(set);
  }
  const counts = series.map((s) => s.numTensors);
  return {
    optimizer: 'wasam',
    model,
    batch,
    series,
    tensorsBefore: before.numTensors,
    tensorsAfter: memorySnapshot().numTensors,
    tensorCountRange: [Math.min(...counts), Math.max(...counts)],
  };
}
