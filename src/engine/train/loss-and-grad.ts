import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropy } from '../loss';
import { apply } from '../model/apply';
import type { LossAndGrad } from '../optim/types';
import { modelHvp } from '../tangent/hvp';
import type { Batch, ModelSpec, ModelState, Params } from '../types';

/**
 * The {@link LossAndGrad} of one batch: mean softmax cross-entropy of the train-mode forward
 * pass, differentiated with respect to every param (tf.valueAndGrads over the explicit tensors).
 *
 * @param state moving statistics the train-mode pass starts from (borrowed; read only to form
 *              the new moving statistics returned with `updateState: true`).
 * @param batch x [N, H, W, C], y [N] int32 (borrowed).
 * Intermediate activations are released by the gradient machinery; the returned loss, grads
 * and state are new tensors owned by the caller. Carries `hvp`, the exact Hessian-vector product
 * of the same train-mode batch loss.
 */
export function makeLossAndGrad(spec: ModelSpec, state: ModelState, batch: Batch): LossAndGrad {
  const lossAndGrad: LossAndGrad = (params, { updateState }) => {
    const names = Object.keys(params);
    let newState: ModelState = {};
    const f = (...ws: tf.Tensor[]): tf.Scalar => {
      const p: Params = {};
      names.forEach((n, i) => (p[n] = ws[i]!));
      const out = apply(spec, p, state, batch.x, 'train');
      // apply() keeps train-mode statistics out of tidy scopes; drop them when not wanted.
      if (updateState) newState = out.state;
      else tf.dispose(Object.values(out.state));
      return softmaxCrossEntropy(out.logits, batch.y);
    };
    const { value, grads } = tf.valueAndGrads(f)(names.map((n) => params[n]!));
    const g: Params = {};
    names.forEach((n, i) => (g[n] = grads[i]!));
    return updateState
      ? { loss: value as tf.Scalar, grads: g, state: newState }
      : { loss: value as tf.Scalar, grads: g };
  };
  // The train-mode loss (BatchNorm with the batch's statistics), as the passes above.
  lossAndGrad.hvp = modelHvp(spec, state, batch.x, batch.y, 'train');
  return lossAndGrad;
}
