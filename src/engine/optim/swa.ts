import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { sam, type SamConfig } from './sam';
import { disposeTensors, get, mapTensors } from './tensors';
import type { GradientOptimizer, Optimizer } from './types';

/** When the running average takes the weights (Izmailov et al. 2018). */
export interface SwaConfig {
  /** First step (1-based) that is averaged. */
  startStep: number;
  /** Average every `every` steps from `startStep` on. */
  every: number;
}

/** SWA state: the inner optimizer's state and the running average of the weights. */
export interface SwaState<S> {
  inner: S;
  /** Equal-weight average of the weights taken so far; `null` before the first one. */
  avg: Params | null;
  /** How many weight sets `avg` holds (torch AveragedModel.n_averaged). */
  nAveraged: number;
  /** Steps taken so far (the 1-based index of the last step). */
  steps: number;
  /**
   * How many live states hold this very `avg` map: a step that does not average hands the same
   * tensors on (no kernel, no copy) and `disposeState` frees them with the last holder.
   */
  avgHolders: { count: number };
}

/** Whether step s (1-based) is averaged: s ≥ start and (s − start) divisible by `every`. */
export function swaTakes(cfg: SwaConfig, s: number): boolean {
  return s >= cfg.startStep && (s - cfg.startStep) % cfg.every === 0;
}

/**
 * Running equal-weight average as torch.optim.swa_utils.AveragedModel's default:
 * the first one is a copy, then avg ← avg + (w − avg) / (n + 1). Borrows both maps.
 */
export function averageInto(avg: Params | null, weights: Params, n: number): Params {
  if (avg === null) return mapTensors(weights, (w) => tf.clone(w));
  return mapTensors(avg, (a, name) => tf.add(a, tf.div(tf.sub(get(weights, name), a), n + 1)));
}

/**
 * Stochastic weight averaging on top of any optimizer: the inner optimizer trains as usual and
 * the average is updated after each step that {@link swaTakes}. The average's BatchNorm
 * statistics are recomputed separately (see `recomputeBatchNorm`). Params and loss of each step
 * are the inner optimizer's.
 */
export function swa<S>(inner: Optimizer<S>, cfg: SwaConfig): Optimizer<SwaState<S>> {
  if (!(cfg.startStep >= 1 && cfg.every >= 1))
    throw new Error('SWA: startStep and every must be >= 1');
  return {
    name: `swa(${inner.name})`,
    init: (params) => ({
      inner: inner.init(params),
      avg: null,
      nAveraged: 0,
      steps: 0,
      avgHolders: { count: 1 },
    }),
    disposeState(s) {
      inner.disposeState(s.inner);
      s.avgHolders.count -= 1;
      if (s.avgHolders.count === 0) disposeTensors(s.avg);
    },
    step(params, s, lossAndGrad, opts) {
      const out = inner.step(params, s.inner, lossAndGrad, opts);
      const steps = s.steps + 1;
      let { avg, nAveraged, avgHolders } = s;
      if (swaTakes(cfg, steps)) {
        avg = averageInto(avg, out.params, nAveraged);
        nAveraged += 1;
        avgHolders = { count: 1 };
      } else {
        avgHolders.count += 1;
      }
      return { ...out, optState: { inner: out.optState, avg, nAveraged, steps, avgHolders } };
    },
  };
}

/**
 * WASAM (weight-averaged SAM): SAM (or ASAM) steps with SWA averaging on top — the composition
 * swa(sam(base, samCfg), swaCfg).
 */
export function wasam<S>(
  base: GradientOptimizer<S>,
  samCfg: SamConfig,
  swaCfg: SwaConfig,
): Optimizer<SwaState<S>> {
  return swa(sam(base, samCfg), swaCfg);
}
