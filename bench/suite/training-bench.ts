import { MODEL_ZOO, type OptimizerConfig, type ZooModelId } from '../../src/engine';
import { disposeSet, syntheticSet } from './data';
import { interleaved, memorySnapshot, round, timeMs } from './stats';
import { endRun, startRun, trainSteps, type Run } from './train';

export interface TrainingSizes {
  /** Samples in the synthetic training set. */
  samples: number;
  /** Steps per timed block. */
  steps: number;
  /** Timed rounds (after one warm-up round); the median is reported. */
  rounds: number;
}

const SPEC = () => MODEL_ZOO['tiny-cnn'].spec([28, 28, 1]);
const SGD = { type: 'sgd', lr: 0.01, momentum: 0.9 } as const;

/** The four optimizers of the ratios, with averaging once per epoch as the app's default. */
export function optimizerConfigs(stepsPerEpoch: number): Record<string, OptimizerConfig> {
  const swa = { startStep: 1, every: stepsPerEpoch };
  return {
    sgd: SGD,
    sam: { type: 'sam', base: SGD, rho: 0.05 },
    swa: { type: 'swa', base: SGD, swa },
    wasam: { type: 'wasam', base: SGD, rho: 0.05, swa },
  };
}

/**
 * Milliseconds per training step of tiny-cnn at batch 64 under SGD, SAM, SWA and WASAM, timed
 * in interleaved rounds of `steps` steps each (one readback per round, as the app's loop).
 */
export async function optimizerStepMs(sizes: TrainingSizes, batch = 64) {
  const set = syntheticSet(sizes.samples, 1);
  const cfgs = optimizerConfigs(Math.floor(sizes.samples / batch));
  const runs: Record<string, Run> = {};
  for (const [name, cfg] of Object.entries(cfgs))
    runs[name] = startRun(SPEC(), cfg, sizes.samples, 7);
  try {
    const cases = Object.fromEntries(
      Object.entries(runs).map(([name, run]) => [
        name,
        async () => (await timeMs(() => trainSteps(run, set, batch, sizes.steps))) / sizes.steps,
      ]),
    );
    const ms = await interleaved(cases, sizes.rounds);
    return {
      msPerStep: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, round(v)])),
      sam_over_sgd: round(ms.sam! / ms.sgd!),
      swa_over_sgd: round(ms.swa! / ms.sgd!),
      wasam_over_sam: round(ms.wasam! / ms.sam!),
    };
  } finally {
    Object.values(runs).forEach(endRun);
    disposeSet(set);
  }
}

/** Training steps per second (SGD, Flatland's loop) of every zoo model at each batch size. */
export async function zooStepsPerSecond(sizes: TrainingSizes, batches: number[]) {
  const out: Record<string, Record<string, number>> = {};
  const set = syntheticSet(Math.max(sizes.samples, ...batches), 2);
  try {
    for (const id of Object.keys(MODEL_ZOO) as ZooModelId[]) {
      out[id] = {};
      for (const batch of batches) {
        const run = startRun(MODEL_ZOO[id].spec([28, 28, 1]), SGD, set.x.shape[0], 3);
        try {
          const name = `${id}@${batch}`;
          const ms = await interleaved(
            { [name]: () => timeMs(() => trainSteps(run, set, batch, sizes.steps)) },
            sizes.rounds,
          );
          out[id][String(batch)] = round((1000 * sizes.steps) / ms[name]!);
        } finally {
          endRun(run);
        }
      }
    }
  } finally {
    disposeSet(set);
  }
  return out;
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
