import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled, yieldToEventLoop, type RunOptions } from './landscape/points';
import { apply } from './model/apply';
import { stateShapes } from './model/params';
import { recomputeBatchNorm } from './optim/bn-recompute';
import { averageInto } from './optim/swa';
import { disposeTensors } from './optim/tensors';
import type { ModelSpec, ModelState, Params } from './types';
import type { EnsembleCurve } from '../domain/api-ensembles';

export type { EnsembleCurve };

/** One model of an ensemble: weights and the BatchNorm statistics they were taken with. */
export interface EnsembleMember {
  params: Params;
  state: ModelState;
}

/**
 * Eval-mode softmax probabilities of one model over a whole set, in chunks of `chunk` samples.
 *
 * @param x [N, H, W, C] (borrowed). @returns [N, K] probabilities (caller disposes).
 */
export function softmaxProbs(
  spec: ModelSpec,
  m: EnsembleMember,
  x: tf.Tensor4D,
  chunk = 500,
): tf.Tensor2D {
  const n = x.shape[0];
  return tf.tidy(() => {
    const parts: tf.Tensor2D[] = [];
    for (let start = 0; start < n; start += chunk) {
      const len = Math.min(chunk, n - start);
      const xs = len === n ? x : tf.slice(x, [start, 0, 0, 0], [len, -1, -1, -1]);
      parts.push(tf.softmax(apply(spec, m.params, m.state, xs, 'eval').logits));
    }
    return parts.length === 1 ? parts[0]! : tf.concat(parts, 0);
  });
}

/**
 * Accuracy and loss of predicted probabilities: argmax accuracy (ties: the first maximum) and the
 * mean negative log-likelihood −log p[y] (clipped at 1e-12 so a zero probability stays finite).
 *
 * @param probs [N, K]; @param y [N] int32. @returns two float32 scalars (caller disposes).
 */
export function probsMetrics(probs: tf.Tensor2D, y: tf.Tensor1D): [tf.Scalar, tf.Scalar] {
  return tf.tidy(() => {
    const yi = tf.cast(y, 'int32');
    const acc = tf.mean(tf.cast(tf.equal(tf.argMax(probs, 1), yi), 'float32')) as tf.Scalar;
    const py = tf.sum(tf.mul(probs, tf.oneHot(yi, probs.shape[1])), 1);
    const nll = tf.mean(tf.neg(tf.log(tf.maximum(py, 1e-12)))) as tf.Scalar;
    return [acc, nll];
  });
}

/** Probabilities of one model, timed up to their readback (the cost of one forward pass). */
async function timedProbs(spec: ModelSpec, m: EnsembleMember, x: tf.Tensor4D) {
  const t0 = performance.now();
  const probs = softmaxProbs(spec, m, x);
  await probs.data();
  return { probs, ms: performance.now() - t0 };
}

async function readScalars(scalars: tf.Scalar[]): Promise<number[]> {
  const stacked = tf.stack(scalars);
  try {
    return Array.from(await stacked.data());
  } finally {
    tf.dispose([stacked, ...scalars]);
  }
}

function push(curve: EnsembleCurve, k: number, v: number[], fgeMs: number, swaMs: number) {
  curve.k.push(k);
  curve.memberAcc.push(v[0]!);
  curve.fgeAcc.push(v[1]!);
  curve.fgeNll.push(v[2]!);
  curve.swaAcc.push(v[3]!);
  curve.swaNll.push(v[4]!);
  curve.fgeMs.push(fgeMs);
  curve.swaMs.push(swaMs);
}

/**
 * Test accuracy of Fast Geometric Ensembling (Garipov et al. 2018) against SWA (Izmailov et al.
 * 2018) on the same snapshots as they accumulate: for each k, the ensemble predicts the argmax of
 * the mean softmax probabilities of snapshots 1..k, SWA runs its one model, the weights'
 * equal-weight average (torch AveragedModel), with BatchNorm statistics recomputed over
 * `bnBatches` (update_bn) when the model has BatchNorm.
 *
 * @param members snapshots in the order they were taken (borrowed).
 * @param test x [N, H, W, C], y [N] int32 (borrowed).
 * @param bnBatches training inputs for the BatchNorm recomputation (borrowed).
 * @throws {CancelledError} when cancelled through `opts` (checked between snapshots).
 */
export async function ensembleCurve(
  spec: ModelSpec,
  members: readonly EnsembleMember[],
  test: { x: tf.Tensor4D; y: tf.Tensor1D },
  bnBatches: readonly tf.Tensor4D[],
  opts: Pick<RunOptions, 'isCancelled' | 'signal' | 'onProgress'> = {},
): Promise<EnsembleCurve> {
  if (members.length === 0) throw new Error('The run took no snapshots to ensemble.');
  const curve: EnsembleCurve = {
    ...{ k: [], memberAcc: [], fgeAcc: [], fgeNll: [], swaAcc: [], swaNll: [] },
    ...{ fgeMs: [], swaMs: [] },
  };
  const hasBn = stateShapes(spec).length > 0;
  let sum: tf.Tensor2D | null = null;
  let avg: Params | null = null;
  let fgeMs = 0;
  try {
    for (let i = 0; i < members.length; i++) {
      throwIfCancelled(opts);
      const m = members[i]!;
      const own = await timedProbs(spec, m, test.x);
      fgeMs += own.ms;
      const next: tf.Tensor2D = sum ? tf.add(sum, own.probs) : tf.clone(own.probs);
      tf.dispose(sum ?? []);
      sum = next;
      const nextAvg = averageInto(avg, m.params, i);
      disposeTensors(avg);
      avg = nextAvg;
      const state = hasBn ? recomputeBatchNorm(spec, avg, bnBatches) : m.state;
      const swa = await timedProbs(spec, { params: avg, state }, test.x);
      if (hasBn) disposeTensors(state);
      const mean = tf.div(sum, i + 1) as tf.Tensor2D;
      const [ownAcc, ownNll] = probsMetrics(own.probs, test.y);
      ownNll.dispose();
      const scalars = [ownAcc, ...probsMetrics(mean, test.y), ...probsMetrics(swa.probs, test.y)];
      tf.dispose([own.probs, swa.probs, mean]);
      push(curve, i + 1, await readScalars(scalars), fgeMs, swa.ms);
      opts.onProgress?.({ done: i + 1, total: members.length });
      await yieldToEventLoop();
    }
    return curve;
  } finally {
    tf.dispose(sum ?? []);
    disposeTensors(avg);
  }
}
