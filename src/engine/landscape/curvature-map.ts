import type { HvpFn } from '../tangent/hvp';
import type { Params } from '../types';
import type { CurvatureMapValues } from '../../domain/curvature';
import { disposeParams, offsetParams } from './combine';
import { hessianExtremes, type ExtremeEigenOptions, type ExtremeEigenResult } from './lanczos';
import { throwIfCancelled } from './points';

export type { CurvatureMapValues };

/**
 * Li et al.'s (2018, §6, Fig. 7) convexity map: at every point w + a·d1 + b·d2 of a grid, the
 * minimum and maximum eigenvalues of the Hessian there ({@link hessianExtremes}, Lanczos), whose
 * ratio |λ_min/λ_max| shows where the surface is non-convex (λ_min markedly negative).
 *
 * Progress counts Hessian-vector products against `maxIter` per point (a point that converges
 * early jumps to its share), so it is monotone and ends at done = total.
 *
 * @param params - weights w (any shapes); not modified. @param d1, d2 - directions shaped like w.
 * @param a - the d1 coefficients (columns); @param b - the d2 coefficients (rows).
 * @param hvp - the exact Hessian-vector product of the objective (evaluated at each point).
 * @throws {CancelledError} when cancelled through `opts` (polled before each product).
 */
export async function curvatureMap(
  hvp: HvpFn,
  params: Params,
  d1: Params,
  d2: Params,
  a: number[],
  b: number[],
  opts: ExtremeEigenOptions = {},
): Promise<CurvatureMapValues> {
  const t0 = performance.now();
  const maxIter = opts.maxIter ?? 40;
  const total = a.length * b.length * maxIter;
  const out: CurvatureMapValues = {
    a: [...a],
    b: [...b],
    lambdaMin: b.map(() => []),
    lambdaMax: b.map(() => []),
    iterations: b.map(() => []),
    converged: b.map(() => []),
    elapsedMs: 0,
  };
  for (const [row, bj] of b.entries()) {
    for (const [col, ai] of a.entries()) {
      throwIfCancelled(opts);
      const before = (row * a.length + col) * maxIter;
      const r = await extremesAt(hvp, params, [d1, d2], [ai, bj], {
        ...opts,
        maxIter,
        onProgress: (p) => opts.onProgress?.({ done: before + p.done, total }),
      });
      out.lambdaMin[row]!.push(r.lambdaMin);
      out.lambdaMax[row]!.push(r.lambdaMax);
      out.iterations[row]!.push(r.iterations);
      out.converged[row]!.push(r.converged);
      opts.onProgress?.({ done: before + maxIter, total });
    }
  }
  out.elapsedMs = performance.now() - t0;
  return out;
}

/** {@link hessianExtremes} at w + Σ cᵢ·dᵢ (the point is built and freed here). */
async function extremesAt(
  hvp: HvpFn,
  params: Params,
  dirs: Params[],
  coeffs: number[],
  opts: ExtremeEigenOptions,
): Promise<ExtremeEigenResult> {
  const point = offsetParams(params, dirs, coeffs);
  try {
    return await hessianExtremes(hvp, point, opts);
  } finally {
    disposeParams(point);
  }
}
