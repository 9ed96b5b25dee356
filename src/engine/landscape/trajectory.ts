import * as tf from '@tensorflow/tfjs';
import type { Params } from '../types';
import { flattenParams } from './combine';
import { directionPair } from './directions';
import type { NormalizeOptions } from './normalize';
import { pcaDirections } from './pca';

/**
 * Optimisation trajectories drawn on one plane (Li et al. 2018, §7): a fixed random
 * filter-normalised plane around the common initial weights w₀ while runs train, and the PCA
 * plane of all runs' checkpoints once they have ended.
 */

/** Coordinates of points on a plane: `a[i]`, `b[i]` for point i. */
export interface PlaneCoords {
  a: number[];
  b: number[];
}

/**
 * The fixed plane a live trajectory is drawn on: two seeded Gaussian directions normalised
 * against w₀ as Li et al. do, d₂ orthogonalised against d₁ so that the projection is exact.
 *
 * @param origin - the common initial weights w₀ (e.g. `layer0/kernel` [kh, kw, in, out]).
 * @returns [d1, d2], new maps shaped like `origin` (caller disposes both).
 */
export function trajectoryPlane(
  origin: Params,
  seed: number,
  opts: NormalizeOptions = {},
): [Params, Params] {
  return directionPair(origin, seed, { ...opts, orthogonalize: true });
}

/**
 * Projects points on the plane through `origin` spanned by orthogonal d₁, d₂:
 * aᵢ = ⟨wᵢ − w₀, d₁⟩/‖d₁‖², bᵢ = ⟨wᵢ − w₀, d₂⟩/‖d₂‖². A point w₀ + a·d₁ + b·d₂ of the plane
 * comes back as exactly (a, b); one readback for all points.
 *
 * @param points - weights wᵢ, each with the names and shapes of `origin`. Not modified.
 * @param origin - w₀, the plane's (0, 0).
 * @param d1 - first direction [shapes of `origin`]; @param d2 - second, orthogonal to d₁.
 */
export async function projectOntoPlane(
  points: Params[],
  origin: Params,
  d1: Params,
  d2: Params,
): Promise<PlaneCoords> {
  if (points.length === 0) return { a: [], b: [] };
  const proj = tf.tidy(() => {
    const w0 = flattenParams(origin);
    const dirs = tf.stack([flattenParams(d1), flattenParams(d2)]); // [2, D]
    const sq = tf.sum(tf.square(dirs), 1); // [2]
    // A zero direction (no parameters it may move) projects everything to 0 instead of NaN.
    const safe = tf.where(tf.greater(sq, 0), sq, tf.onesLike(sq));
    const diffs = tf.stack(points.map((p) => tf.sub(flattenParams(p), w0))); // [n, D]
    return tf.div(tf.matMul(diffs, dirs, false, true), safe); // [n, 2]
  });
  const v = await proj.data();
  proj.dispose();
  const n = points.length;
  return {
    a: Array.from({ length: n }, (_, i) => v[2 * i]!),
    b: Array.from({ length: n }, (_, i) => v[2 * i + 1]!),
  };
}

/** The PCA plane of several trajectories and how much of their variance it explains. */
export interface TrajectoryPca {
  /** Top two principal components, unit norm over all tensors, shaped like the params. */
  components: [Params, Params];
  explainedVarianceRatio: [number, number];
}

/**
 * PCA plane of several runs that all start at w₀ (Li et al. 2018, §7, for many runs): the rows are
 * wᵢ − w₀ for every checkpoint of every path after its first, plus w₀ itself as one zero row,
 * centred over the rows as sklearn does. Li et al. take one run's rows relative to its final
 * point, that point included as a zero row (`plot_trajectory.py`); several runs have no common
 * final point but share w₀, so w₀ takes that role, and its zero row is kept as theirs is.
 *
 * @param paths - per run, its checkpoints oldest first (the first being w₀); at least two
 *   checkpoints after the starts in all. Not modified.
 * @param origin - w₀.
 * @returns the components (caller disposes) and their explained variance ratios.
 */
export async function trajectoryPca(paths: Params[][], origin: Params): Promise<TrajectoryPca> {
  const rows = paths.flatMap((p) => p.slice(1));
  if (rows.length < 2) throw new Error('The trajectories need at least two checkpoints in all.');
  // pcaDirections takes rows relative to its LAST checkpoint (kept as a zero row): put w₀ there.
  const r = await pcaDirections([...rows, origin]);
  return { components: r.components, explainedVarianceRatio: r.explainedVarianceRatio };
}
