import * as tf from '@tensorflow/tfjs';
import type { HvpFn } from '../tangent/hvp';
import type { Params } from '../types';
import { deriveSeed } from '../../domain/random';
import { disposeParams, flattenParams, unflattenParams } from './combine';
import { randomDirection } from './directions';
import { symmetricEigen, tridiagonal } from './symmetric-eigen';
import { throwIfCancelled, yieldToEventLoop, type RunOptions } from './points';

/**
 * Both ends of the Hessian's spectrum, λ_min and λ_max, from one Krylov space: the Lanczos
 * method (Lanczos 1950; Golub & Van Loan, Matrix Computations, 4th ed., §10.1) with full
 * reorthogonalisation (classical Gram–Schmidt applied twice against every earlier Lanczos
 * vector, so float32 rounding does not bring back ghost copies of converged eigenvalues).
 *
 * Li et al. (2018, §6, Fig. 7; `min_max_hessian_eigs` in their code) call ARPACK's implicitly
 * restarted Lanczos (scipy `eigsh`, tol 1e-2) twice: for λ_max, then for the largest-magnitude
 * eigenvalue of H − 0.51·λ_max·I, plus the shift, as λ_min. The extreme Ritz values of one
 * Krylov space converge to the same two numbers, with half the products. One deviation: where
 * λ_min > 0.02·λ_max their shifted problem returns λ_max again; this returns λ_min itself.
 */

export interface ExtremeEigenOptions extends RunOptions {
  /** Seed of the random start vector (default 0); the same at every point of a map. */
  seed?: number;
  /** At most this many Hessian-vector products, the Krylov dimension (default 40). */
  maxIter?: number;
  /**
   * Stop when the residual bounds ‖H·y − θ·y‖ = β_k·|s_k| of both extreme Ritz pairs (θ, y) are
   * ≤ tol·max(|θ_min|, |θ_max|) (default 1e-3): each θ is then that close to an eigenvalue.
   */
  tol?: number;
}

export interface ExtremeEigenResult {
  /** Smallest Ritz value (≥ λ_min, equal at convergence). */
  lambdaMin: number;
  /** Largest Ritz value (≤ λ_max, equal at convergence). */
  lambdaMax: number;
  /** Hessian-vector products used. */
  iterations: number;
  /** Both residual bounds met the tolerance (or the Krylov space became invariant). */
  converged: boolean;
}

interface Ritz {
  min: number;
  max: number;
  /** The larger of the two extreme pairs' residual bounds. */
  residual: number;
}

/** The extreme Ritz values of T_k and their residual bounds β_k·|last entry of the eigenvector|. */
function ritzExtremes(alpha: number[], beta: number[], lastBeta: number): Ritz {
  const { values, vectors } = symmetricEigen(tridiagonal(alpha, beta));
  const k = alpha.length;
  const bound = (i: number) => Math.abs(lastBeta * vectors[i]![k - 1]!);
  return { min: values[0]!, max: values[k - 1]!, residual: Math.max(bound(0), bound(k - 1)) };
}

/**
 * One Lanczos step from the last vector of `basis`: w = H·q_k − α_k·q_k − β_{k−1}·q_{k−1},
 * reorthogonalised twice against every q_j. Returns w [D] and [α_k, ‖w‖] (new tensors).
 */
function lanczosStep(hvp: HvpFn, params: Params, basis: tf.Tensor1D[], prevBeta: number) {
  return tf.tidy(() => {
    const q = basis[basis.length - 1]!;
    const hv = hvp(params, unflattenParams(q, params));
    let w = flattenParams(hv);
    disposeParams(hv);
    const a = tf.dot(q, w);
    w = tf.sub(w, tf.mul(q, a));
    if (basis.length > 1) w = tf.sub(w, tf.mul(basis[basis.length - 2]!, prevBeta));
    for (let pass = 0; pass < 2; pass++) {
      for (const qj of basis) w = tf.sub(w, tf.mul(qj, tf.dot(qj, w)));
    }
    return { w: w as tf.Tensor1D, ab: tf.stack([a, tf.norm(w)]) };
  });
}

/** The seeded Gaussian start vector, flattened to [D] and of unit norm. */
function startVector(params: Params, seed: number): tf.Tensor1D {
  const raw = randomDirection(params, deriveSeed(seed, 'hessian/lanczos'));
  try {
    return tf.tidy(() => {
      const f = flattenParams(raw);
      return tf.div(f, tf.norm(f)) as tf.Tensor1D;
    });
  } finally {
    disposeParams(raw);
  }
}

/**
 * λ_min and λ_max of the Hessian behind `hvp` at `params` by Lanczos (see the module note).
 * Keeps up to `maxIter` vectors of the parameters' size; one readback of [α_k, β_k] per product,
 * after which progress is reported as products out of `maxIter`.
 *
 * @param params - weights w (any shapes); not modified.
 * @throws {CancelledError} when cancelled through `opts` (polled before each product).
 */
export async function hessianExtremes(
  hvp: HvpFn,
  params: Params,
  opts: ExtremeEigenOptions = {},
): Promise<ExtremeEigenResult> {
  const dim = Object.values(params).reduce((n, t) => n + t.size, 0);
  const maxIter = Math.min(opts.maxIter ?? 40, dim);
  const tol = opts.tol ?? 1e-3;
  const basis: tf.Tensor1D[] = [startVector(params, opts.seed ?? 0)];
  const alpha: number[] = [];
  const beta: number[] = [];
  try {
    for (;;) {
      throwIfCancelled(opts);
      const { w, ab } = lanczosStep(hvp, params, basis, beta[beta.length - 1] ?? 0);
      const [a, b] = await ab.data();
      ab.dispose();
      alpha.push(a!);
      const ritz = ritzExtremes(alpha, beta, b!);
      const scale = Math.max(Math.abs(ritz.min), Math.abs(ritz.max));
      // A vanishing β_k: the Krylov space is invariant and its Ritz values are eigenvalues.
      const invariant = b! <= 1e-6 * Math.max(scale, Number.MIN_VALUE);
      const converged = invariant || ritz.residual <= tol * scale;
      opts.onProgress?.({ done: alpha.length, total: maxIter });
      if (converged || alpha.length >= maxIter) {
        w.dispose();
        return { lambdaMin: ritz.min, lambdaMax: ritz.max, iterations: alpha.length, converged };
      }
      beta.push(b!);
      basis.push(tf.tidy(() => tf.div(w, b!) as tf.Tensor1D));
      w.dispose();
      await yieldToEventLoop();
    }
  } finally {
    tf.dispose(basis);
  }
}
