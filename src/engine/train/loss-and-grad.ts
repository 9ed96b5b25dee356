import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropy } from '../loss';
import { apply } from '../model/apply';
import type { LossAndGrad, LossAndGradOptions } from '../optim/types';
import { modelHvp } from '../tangent/hvp';
import type { Batch, ModelSpec, ModelState, Params } from '../types';

/**
 * The rows an evaluation covers: the whole batch (borrowed), or a slice of it (new tensors, the
 * caller disposes them; flagged by `owned`).
 */
function rowsOf(batch: Batch, rows: LossAndGradOptions['rows']): Batch & { owned: boolean } {
  const n = batch.x.shape[0];
  if (!rows || (rows.start === 0 && rows.size === n)) return { ...batch, owned: false };
  const { start, size } = rows;
  if (!(Number.isInteger(start) && Number.isInteger(size) && start >= 0 && size > 0))
    throw new Error(`loss-and-grad: bad rows ${start}+${size}`);
  if (start + size > n) throw new Error(`loss-and-grad: rows ${start}+${size} exceed ${n}`);
  const x = tf.slice(batch.x, [start, 0, 0, 0], [size, -1, -1, -1]);
  return { x, y: tf.slice(batch.y, [start], [size]), owned: true };
}

/**
 * The {@link LossAndGrad} of one batch: mean softmax cross-entropy of the train-mode forward
 * pass, differentiated with respect to every param (tf.valueAndGrads over the explicit tensors).
 * With `rows`, the loss is that of the sub-batch alone, BatchNorm using its statistics (ghost
 * batch), and the returned moving statistics are updated from them.
 *
 * @param state moving statistics the train-mode pass starts from (borrowed; read only to form
 *              the new moving statistics returned with `updateState: true`).
 * @param batch x [N, H, W, C], y [N] int32 (borrowed).
 * Intermediate activations are released by the gradient machinery; the returned loss, grads
 * and state are new tensors owned by the caller. Carries `hvp`, the exact Hessian-vector product
 * of the same train-mode batch loss.
 */
export function makeLossAndGrad(spec: ModelSpec, state: ModelState, batch: Batch): LossAndGrad {
  const fn = (params: Params, { updateState, rows }: LossAndGradOptions) => {
    const names = Object.keys(params);
    const sub = rowsOf(batch, rows);
    let newState: ModelState = {};
    const f = (...ws: tf.Tensor[]): tf.Scalar => {
      const p: Params = {};
      names.forEach((n, i) => (p[n] = ws[i]!));
      const out = apply(spec, p, state, sub.x, 'train');
      // apply() keeps train-mode statistics out of tidy scopes; drop them when not wanted.
      if (updateState) newState = out.state;
      else tf.dispose(Object.values(out.state));
      return softmaxCrossEntropy(out.logits, sub.y);
    };
    const { value, grads } = tf.valueAndGrads(f)(names.map((n) => params[n]!));
    if (sub.owned) tf.dispose([sub.x, sub.y]);
    const g: Params = {};
    names.forEach((n, i) => (g[n] = grads[i]!));
    return updateState
      ? { loss: value as tf.Scalar, grads: g, state: newState }
      : { loss: value as tf.Scalar, grads: g };
  };
  // The train-mode loss of the whole batch (BatchNorm with its statistics), as the passes above.
  const hvp = modelHvp(spec, state, batch.x, batch.y, 'train');
  return Object.assign(fn, { batchSize: batch.x.shape[0], hvp });
}
