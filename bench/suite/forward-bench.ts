import * as tf from '@tensorflow/tfjs';
import { MODEL_ZOO, evaluate, initModel, type ZooModelId } from '../../src/engine';
import { disposeSet, syntheticSet } from './data';
import { interleaved, summarize, timeMs, type RoundPlan, type Summary } from './stats';

/**
 * Sizes of the forward-pass throughput: `chunks` evaluation chunks of `chunk` images per timed
 * block (the landscape's chunk is 500: `evaluate`'s default), per zoo model.
 */
export interface ForwardSizes extends RoundPlan {
  chunk: number;
  chunks: number;
  /** The models to measure, in order (default: the whole zoo). */
  models?: ZooModelId[];
}

/**
 * `forward_images_per_s`: eval-mode forward passes (loss and accuracy, one readback, as a
 * landscape point evaluates a chunk) of every zoo model on the active backend, after an untimed
 * warm-up (kernel compilation), one model after the other. A model whose turn comes after the
 * section's budget is listed as skipped (on SwiftShader's WebGPU each new model costs minutes of
 * shader compilation).
 */
export async function forwardImagesPerSecond(sizes: ForwardSizes) {
  const models: Record<string, number> = {};
  const spread: Record<string, Summary> = {};
  const msPerChunk: Record<string, Summary> = {};
  const skipped: string[] = [];
  const set = syntheticSet(sizes.chunk, 6);
  const deadline = performance.now() + (sizes.budgetS ?? Infinity) * 1000;
  const ids = sizes.models ?? (Object.keys(MODEL_ZOO) as ZooModelId[]);
  try {
    for (const id of ids) {
      const left = (deadline - performance.now()) / 1000;
      if (left <= 0) {
        skipped.push(id);
        continue;
      }
      const spec = MODEL_ZOO[id].spec([28, 28, 1]);
      const { params, state } = initModel(spec, 3);
      const once = async () => {
        const r = evaluate(spec, params, state, set.x, set.y, sizes.chunk);
        await Promise.all([r.loss.data(), r.accuracy.data()]);
        tf.dispose([r.loss, r.accuracy]);
      };
      const block = () =>
        timeMs(async () => {
          for (let i = 0; i < sizes.chunks; i++) await once();
        });
      try {
        const r = await interleaved({ [id]: block }, { ...sizes, minRounds: 1, budgetS: left });
        const ms = r.samples[id]!;
        spread[id] = summarize(ms.map((v) => (1000 * sizes.chunk * sizes.chunks) / v));
        msPerChunk[id] = summarize(ms.map((v) => v / sizes.chunks));
        models[id] = spread[id].median;
      } finally {
        tf.dispose([...Object.values(params), ...Object.values(state)]);
      }
    }
  } finally {
    disposeSet(set);
  }
  return {
    chunk: sizes.chunk,
    models,
    spread,
    msPerChunk,
    ...(skipped.length ? { skipped } : {}),
  };
}
