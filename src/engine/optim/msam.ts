import * as tf from '@tensorflow/tfjs';
import type { ModelState, Params } from '../types';
import { samPerturbed, type SamConfig } from './sam';
import { disposeTensors } from './tensors';
import type { GradientOptimizer, LossAndGrad, Optimizer } from './types';

/** m-SAM settings: SAM's, and m, the size of the sub-batches each ε is computed on. */
export interface MSamConfig extends SamConfig {
  /** Sub-batch size m ≥ 1; it must divide every batch's size B (m = B is SAM). */
  m: number;
}

/** Sum over the sub-batches so far: the SAM gradients, first-pass losses and moving statistics. */
interface Acc {
  grads: Params | null;
  losses: tf.Scalar[];
  states: ModelState[];
}

/** Adds `grads` into the running sum (both consumed; the sum's new tensors replace them). */
function addGrads(sum: Params | null, grads: Params): Params {
  if (!sum) return grads;
  const out: Params = {};
  for (const [n, t] of Object.entries(sum)) out[n] = tf.add(t, grads[n]!);
  disposeTensors(sum, grads);
  return out;
}

/** Mean of k maps with the same keys (consumed); one map is handed back as it is. */
function meanMaps(maps: Params[]): Params {
  if (maps.length === 1) return maps[0]!;
  const out: Params = {};
  for (const n of Object.keys(maps[0]!))
    out[n] = tf.tidy(() => tf.div(tf.addN(maps.map((m) => m[n]!)), maps.length));
  disposeTensors(...maps);
  return out;
}

/** Sub-batch i: its loss and moving statistics at w, and its SAM gradient ∇L_i(w + ε_i). */
function subBatch(lag: LossAndGrad, params: Params, cfg: MSamConfig, start: number) {
  const rows = { start, size: cfg.m };
  const first = lag(params, { updateState: true, rows });
  const perturbed = samPerturbed(params, first.grads, cfg);
  disposeTensors(first.grads);
  const second = lag(perturbed, { updateState: false, rows });
  disposeTensors(perturbed, second.state);
  second.loss.dispose();
  return { loss: first.loss, state: first.state ?? {}, grads: second.grads };
}

/** The number of sub-batches k = B/m, or an error naming the batch that does not split. */
export function subBatchCount(batchSize: number | undefined, m: number): number {
  if (batchSize === undefined)
    throw new Error('m-SAM: the LossAndGrad does not say its batch size');
  if (batchSize % m !== 0)
    throw new Error(`m-SAM: m = ${m} does not divide the batch size ${batchSize}`);
  return batchSize / m;
}

/**
 * m-SAM (Foret et al. 2021 §4.1 "m-sharpness"; Andriushchenko & Flammarion 2022): the batch of
 * B rows is cut into k = B/m disjoint sub-batches of m consecutive rows; for each, ε_i =
 * ρ·g_i/(‖g_i‖₂ + 1e-12) from the gradient g_i of that sub-batch's loss at w (ASAM's ε with
 * `adaptive`, as {@link samPerturbed}), and the SAM gradient is (1/k)·Σᵢ ∇L_i(w + ε_i), summed
 * in sub-batch order; the base optimizer steps from w with it.
 *
 * BatchNorm sees each sub-batch alone (its statistics, a ghost batch, as each accelerator's
 * share of the batch in Foret et al.'s JAX code). The moving statistics returned are the mean
 * over sub-batches of each sub-batch's update (1−μ)·old + μ·statᵢ, that is the update with the
 * mean of the sub-batch statistics: what averaging the devices' statistics (flax's
 * `sync_batch_stats`) gives. The loss returned is the mean of the sub-batches' losses at w.
 * With m = B (k = 1) every pass is SAM's, so the step is SAM's bit for bit.
 */
export function msam<S>(base: GradientOptimizer<S>, cfg: MSamConfig): Optimizer<S> {
  if (!(cfg.rho >= 0)) throw new Error('m-SAM: rho must be >= 0');
  if (!(Number.isInteger(cfg.m) && cfg.m >= 1)) throw new Error('m-SAM: m must be an integer >= 1');
  return {
    name: `${cfg.adaptive ? 'asam' : 'sam'}[m=${cfg.m}](${base.name})`,
    init: (params) => base.init(params),
    disposeState: (s) => base.disposeState(s),
    step(params, optState, lossAndGrad, opts) {
      const k = subBatchCount(lossAndGrad.batchSize, cfg.m);
      const acc: Acc = { grads: null, losses: [], states: [] };
      for (let i = 0; i < k; i++) {
        const r = subBatch(lossAndGrad, params, cfg, i * cfg.m);
        acc.grads = addGrads(acc.grads, r.grads);
        acc.losses.push(r.loss);
        acc.states.push(r.state);
      }
      const grads = k === 1 ? acc.grads! : divideGrads(acc.grads!, k);
      const out = base.update(params, grads, optState, opts);
      disposeTensors(grads);
      const loss = k === 1 ? acc.losses[0]! : meanLoss(acc.losses);
      return { ...out, loss, modelState: meanMaps(acc.states) };
    },
  };
}

/** `sum`/k (consumed). */
function divideGrads(sum: Params, k: number): Params {
  const out: Params = {};
  for (const [n, t] of Object.entries(sum)) out[n] = tf.div(t, k);
  disposeTensors(sum);
  return out;
}

/** Mean of the sub-batches' losses (consumed). */
function meanLoss(losses: tf.Scalar[]): tf.Scalar {
  const mean = tf.tidy(() => tf.div(tf.addN(losses), losses.length) as tf.Scalar);
  tf.dispose(losses);
  return mean;
}
