import * as tf from '@tensorflow/tfjs';
import { apply } from '../model/apply';
import { stateShapes } from '../model/params';
import type { ModelSpec, ModelState, Params } from '../types';
import { disposeTensors } from './tensors';

/** The spec with every BatchNorm momentum (residual blocks' too) replaced (only the moving-average weight changes). */
function withBnMomentum(spec: ModelSpec, momentum: number): ModelSpec {
  return {
    ...spec,
    layers: spec.layers.map((l) =>
      l.type === 'batchnorm' || l.type === 'residual' ? { ...l, momentum } : l,
    ),
  };
}

/**
 * Recomputes BatchNorm moving statistics for `params` (typically SWA-averaged weights, whose
 * statistics no training pass has seen), as torch.optim.swa_utils.update_bn: statistics reset
 * to mean 0 / variance 1, then a train-mode pass per batch with momentum 1/k for the k-th batch
 * (1-based) — the cumulative average giving each batch equal weight, whatever its size. The
 * variance statistic is the unbiased batch variance, as in training.
 *
 * @param batches inputs [N_k, H, W, C] (borrowed; labels are not needed).
 * @returns new moving statistics `layer{i}/moving_mean|moving_variance` [C] (caller disposes);
 *          `{}` for a model without BatchNorm (no pass is run then).
 */
export function recomputeBatchNorm(
  spec: ModelSpec,
  params: Params,
  batches: Iterable<tf.Tensor4D>,
): ModelState {
  const shapes = stateShapes(spec);
  let state: ModelState = {};
  if (shapes.length === 0) return state;
  for (const s of shapes) {
    state[s.name] = s.kind === 'moving_mean' ? tf.zeros(s.shape) : tf.ones(s.shape);
  }
  let k = 0;
  for (const x of batches) {
    k += 1;
    const out = apply(withBnMomentum(spec, 1 / k), params, state, x, 'train');
    out.logits.dispose();
    disposeTensors(state);
    state = out.state;
  }
  return state;
}
