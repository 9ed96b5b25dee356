import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { flattenParams, unflattenParams } from './combine';

/**
 * PCA directions of an optimisation trajectory, as Li et al. (2018, Sec. 7) do in
 * `plot_trajectory.py` / `setup_PCA_directions` with `sklearn.decomposition.PCA(n_components=2)`:
 * the rows are wᵢ − w_final for EVERY checkpoint, the final one included (its model file is in
 * their list, so it is a zero row), centred over the rows; the directions are the top two
 * principal components (unit vectors over all parameters) and the explained variance ratios are
 * σₖ² / Σ σ². The zero row matters: centring subtracts the mean of the rows, which it shifts, so
 * leaving it out (`includeFinal: false`, the convention of the `pca_directions` reference
 * fixtures) gives different components and ratios.
 *
 * With m rows and D ≫ m parameters the D×D covariance is never formed: the eigenvectors uₖ of
 * the small m×m Gram matrix G = X·Xᵀ give the components as Xᵀuₖ/‖Xᵀuₖ‖, with the same
 * eigenvalues σₖ². G is read back once and diagonalised in float64 in JS.
 */

export interface PcaResult {
  /** Top two principal components, unit norm over all tensors, shaped like the params. */
  components: [Params, Params];
  /** σ₁²/Σσ², σ₂²/Σσ² (sklearn's explained_variance_ratio_). */
  explainedVarianceRatio: [number, number];
  /**
   * Coordinates of every checkpoint (including the last, which is the origin) along the two
   * components: ⟨wᵢ − w_final, cₖ⟩, for drawing the trajectory on the PCA plane.
   */
  coords: { a: number[]; b: number[] };
}

/** G·x for a dense symmetric m×m matrix in row-major order. */
function matVec(g: Float64Array, m: number, x: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += g[i * m + j]! * x[j]!;
    y[i] = s;
  }
  return y;
}

function normalise(x: Float64Array): number {
  const n = Math.hypot(...x);
  if (n > 0) for (let i = 0; i < x.length; i++) x[i] = x[i]! / n;
  return n;
}

/**
 * Top eigenpair of a symmetric positive semi-definite matrix by power iteration (the matrix is
 * tiny, so thousands of iterations cost nothing and make even close eigenvalues converge).
 */
function topEigenpair(g: Float64Array, m: number): { value: number; vector: Float64Array } {
  // A fixed, non-symmetric start so that no eigenvector is missed by symmetry.
  let x: Float64Array = Float64Array.from({ length: m }, (_, i) => 1 + i / m);
  normalise(x);
  let value = 0;
  for (let it = 0; it < 10_000; it++) {
    const y = matVec(g, m, x);
    value = normalise(y);
    let delta = 0;
    for (let i = 0; i < m; i++) delta = Math.max(delta, Math.abs(y[i]! - x[i]!));
    x = y;
    if (value === 0 || delta < 1e-13) break;
  }
  return { value, vector: x };
}

/** Eigenvalues/vectors 1 and 2 of G by power iteration with deflation G ← G − λ·uuᵀ. */
function top2(g: Float64Array, m: number) {
  const first = topEigenpair(g, m);
  const deflated = Float64Array.from(g);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      deflated[i * m + j] =
        deflated[i * m + j]! - first.value * first.vector[i]! * first.vector[j]!;
    }
  }
  return [first, topEigenpair(deflated, m)] as const;
}

export interface PcaOptions {
  /** Keep the final checkpoint as a zero row (default true, as Li et al.'s code). */
  includeFinal?: boolean;
}

/** The centred difference matrix X [m, D] (rows wᵢ − w_final, minus their mean). */
function centredRows(checkpoints: Params[], includeFinal: boolean): tf.Tensor2D {
  return tf.tidy(() => {
    const last = flattenParams(checkpoints[checkpoints.length - 1]!);
    const kept = includeFinal ? checkpoints : checkpoints.slice(0, -1);
    const rows = kept.map((p) => tf.sub(flattenParams(p), last));
    const x = tf.stack(rows) as tf.Tensor2D;
    return tf.sub(x, tf.mean(x, 0, true));
  });
}

/** A unit component Xᵀu / ‖Xᵀu‖ as a vector [D]. */
function component(x: tf.Tensor2D, u: Float64Array): tf.Tensor1D {
  return tf.tidy(() => {
    const c = tf.reshape(tf.matMul(tf.tensor2d(Array.from(u), [1, u.length]), x), [-1]);
    return tf.div(c, tf.norm(c)) as tf.Tensor1D;
  });
}

/**
 * PCA directions of a trajectory (see the module comment).
 *
 * @param checkpoints - weights at successive times, the final weights LAST; at least 3, all with
 *   the same names and shapes (e.g. `layer0/kernel` [kh, kw, in, out]). Not modified.
 * @param opts - {@link PcaOptions}.
 * @returns components shaped like the params (caller disposes), ratios and trajectory coordinates.
 */
export async function pcaDirections(
  checkpoints: Params[],
  opts: PcaOptions = {},
): Promise<PcaResult> {
  if (checkpoints.length < 3) throw new Error('pcaDirections needs at least 3 checkpoints');
  const like = checkpoints[0]!;
  const x = centredRows(checkpoints, opts.includeFinal ?? true);
  const m = x.shape[0];
  const gram = tf.matMul(x, x, false, true); // [m, m]
  const g = Float64Array.from(await gram.data());
  gram.dispose();
  let total = 0;
  for (let i = 0; i < m; i++) total += g[i * m + i]!;
  const [e1, e2] = top2(g, m);
  const c1 = component(x, e1.vector);
  const c2 = component(x, e2.vector);
  x.dispose();
  const components: [Params, Params] = [unflattenParams(c1, like), unflattenParams(c2, like)];
  const coords = await projectCheckpoints(checkpoints, c1, c2);
  tf.dispose([c1, c2]);
  const ratio = (v: number) => (total > 0 ? v / total : 0);
  return { components, explainedVarianceRatio: [ratio(e1.value), ratio(e2.value)], coords };
}

/** ⟨wᵢ − w_final, cₖ⟩ for every checkpoint, with one readback. */
async function projectCheckpoints(
  checkpoints: Params[],
  c1: tf.Tensor1D,
  c2: tf.Tensor1D,
): Promise<{ a: number[]; b: number[] }> {
  const proj = tf.tidy(() => {
    const last = flattenParams(checkpoints[checkpoints.length - 1]!);
    const diffs = tf.stack(checkpoints.map((p) => tf.sub(flattenParams(p), last))); // [n, D]
    return tf.matMul(diffs, tf.stack([c1, c2]), false, true); // [n, 2]
  });
  const v = await proj.data();
  proj.dispose();
  const n = checkpoints.length;
  return {
    a: Array.from({ length: n }, (_, i) => v[i * 2]!),
    b: Array.from({ length: n }, (_, i) => v[i * 2 + 1]!),
  };
}
