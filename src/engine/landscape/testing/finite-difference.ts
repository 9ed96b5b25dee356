import * as tf from '@tensorflow/tfjs';
import type { HvpFn, LossFn } from '../../tangent/hvp';
import { getTensor, mapParams, normParams } from '../combine';
import { gradient } from '../sharpness-core';

/**
 * Hessian-vector products by central differences of gradients, Hv ≈ (∇L(w + εv) − ∇L(w − εv))
 * / (2ε) with ε = epsilon·max(‖w‖, 1)/‖v‖ — FOR TESTS ONLY: a cross-check of the exact products
 * on smooth models, and the old method whose step dependence on ReLU/max-pool nets they replace.
 *
 * @returns an {@link HvpFn} whose results the caller disposes.
 */
export function finiteDifferenceHvp(lossFn: LossFn, epsilon = 1e-3): HvpFn {
  return (params, v) =>
    tf.tidy(() => {
      const scale = tf.maximum(normParams(params), 1);
      const eps = tf.div(tf.mul(scale, epsilon), normParams(v));
      const shifted = (sign: number) =>
        mapParams(params, (w, n) => tf.add(w, tf.mul(getTensor(v, n), tf.mul(eps, sign))));
      const gPlus = gradient(lossFn, shifted(1));
      const gMinus = gradient(lossFn, shifted(-1));
      return mapParams(gPlus, (g, n) => tf.div(tf.sub(g, getTensor(gMinus, n)), tf.mul(eps, 2)));
    });
}
