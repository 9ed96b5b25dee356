import type { MSharpnessResult } from '../../domain/sharpness';
import type { Params } from '../types';
import type { LossFn } from '../tangent/hvp';
import { rhoSharpness, type WorstCaseOptions } from './sharpness';

export type { MSharpnessResult };

/** Options of {@link mSharpness}: the worst-case ascent's, with the set size m it reports. */
export interface MSharpnessOptions extends WorstCaseOptions {
  /** m, the number of samples in each set (reported; the caller cut the sets). */
  m: number;
}

/**
 * m-sharpness (Foret et al. 2021 §4.1, eq. in "m-sharpness"): the mean over k disjoint sets S of
 * m samples of max_{‖ε‖₂≤ρ} L_S(w + ε) − L_S(w). Each set's maximum is found by the same
 * first-order ascent as {@link rhoSharpness} (SAM's ε = ρ∇L_S/‖∇L_S‖ as iterate 0, then projected
 * normalised ascent, best iterate kept), so each term, and the mean, is a lower bound on the
 * true one; `firstOrderMean` is the mean with SAM's one-step ε alone, the ε m-SAM trains with.
 * Every set gets the same seed (it is used only where a set's gradient is zero).
 *
 * @param setLosses - L_S for each of the k disjoint sets, eval mode (differentiable w.r.t. params).
 * @param params - weights w (any shapes); not modified or disposed.
 * @returns plain numbers; `perSet` in set order.
 * @throws {CancelledError} when cancelled through `opts`.
 */
export async function mSharpness(
  setLosses: readonly LossFn[],
  params: Params,
  opts: MSharpnessOptions,
): Promise<MSharpnessResult> {
  if (setLosses.length === 0) throw new Error('m-sharpness: no set of m samples');
  const rho = opts.rho ?? 0.05;
  const per = Math.max(0, Math.floor(opts.steps ?? 10)) + 1;
  const total = per * setLosses.length;
  const perSet: number[] = [];
  const firstOrder: number[] = [];
  for (const [j, lossFn] of setLosses.entries()) {
    const r = await rhoSharpness(lossFn, params, {
      ...opts,
      rho,
      onProgress: (p) => opts.onProgress?.({ done: j * per + p.done, total }),
    });
    perSet.push(r.sharpness);
    firstOrder.push(r.firstOrderSharpness);
  }
  const k = perSet.length;
  const mean = perSet.reduce((a, b) => a + b, 0) / k;
  const variance = k > 1 ? perSet.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1) : NaN;
  return {
    m: opts.m,
    rho,
    sets: k,
    mean,
    stdError: Math.sqrt(variance / k),
    firstOrderMean: firstOrder.reduce((a, b) => a + b, 0) / k,
    perSet,
  };
}
