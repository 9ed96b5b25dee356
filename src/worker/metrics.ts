import * as tf from '@tensorflow/tfjs';
import { evaluate } from '../engine/evaluate';
import { stateShapes } from '../engine/model/params';
import { recomputeBatchNorm } from '../engine/optim/bn-recompute';
import type { ModelSpec, ModelState, Params } from '../engine/types';
import type { LoopData } from './loop-data';
import type { TensorSet } from './tensor-sets';

export interface SplitMetrics {
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
}

/** Eval-mode train/test metrics on the fixed evaluation samples, with a single readback. */
export async function splitMetrics(
  spec: ModelSpec,
  params: Params,
  state: ModelState,
  data: Pick<LoopData, 'trainEval' | 'testEval'>,
): Promise<SplitMetrics> {
  const stacked = tf.tidy(() => {
    const tr = evaluate(spec, params, state, data.trainEval.x, data.trainEval.y);
    const te = evaluate(spec, params, state, data.testEval.x, data.testEval.y);
    return tf.stack([tr.loss, tr.accuracy, te.loss, te.accuracy]);
  });
  const v = await stacked.data();
  stacked.dispose();
  return { trainLoss: v[0]!, trainAcc: v[1]!, testLoss: v[2]!, testAcc: v[3]! };
}

/** Consecutive fixed-size batches of the training set (the partial tail is dropped, as in training). */
function* trainBatches(train: TensorSet, batchSize: number): Generator<tf.Tensor4D> {
  const n = train.x.shape[0];
  for (let start = 0; start + batchSize <= n; start += batchSize) {
    const x = tf.slice(train.x, [start, 0, 0, 0], [batchSize, -1, -1, -1]);
    try {
      yield x;
    } finally {
      x.dispose();
    }
  }
}

/**
 * BatchNorm statistics for averaged weights, recomputed over the whole training subset with
 * equal weight per batch (torch.optim.swa_utils.update_bn). `{}` for models without BatchNorm.
 */
export function averagedState(
  spec: ModelSpec,
  avg: Params,
  train: TensorSet,
  batchSize: number,
): ModelState {
  if (stateShapes(spec).length === 0) return {};
  return recomputeBatchNorm(spec, avg, trainBatches(train, batchSize));
}
