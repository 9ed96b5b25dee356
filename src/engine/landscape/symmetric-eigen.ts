/**
 * Eigen-decomposition of a small dense symmetric matrix (the Lanczos tridiagonal T_k, k ≤ a few
 * hundred) by the cyclic Jacobi method (Golub & Van Loan, Matrix Computations, 4th ed., §8.5):
 * plane rotations zero each off-diagonal entry in turn until the off-diagonal norm is below
 * machine precision relative to the matrix's. Float64 on the host; no tensors.
 */

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: number[];
  /** vectors[i] is the unit eigenvector of values[i] (length n). */
  vectors: number[][];
}

const MAX_SWEEPS = 60;

function offNorm(a: number[][]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) s += a[i]![j]! ** 2;
  return Math.sqrt(2 * s);
}

function frobenius(a: number[][]): number {
  let s = 0;
  for (const row of a) for (const x of row) s += x * x;
  return Math.sqrt(s);
}

/** One Jacobi rotation zeroing a[p][q] of `a` (in place), accumulated into the columns of `v`. */
function rotate(a: number[][], v: number[][], p: number, q: number): void {
  const apq = a[p]![q]!;
  if (apq === 0) return;
  const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  const n = a.length;
  for (let k = 0; k < n; k++) {
    const akp = a[k]![p]!;
    const akq = a[k]![q]!;
    a[k]![p] = c * akp - s * akq;
    a[k]![q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p]![k]!;
    const aqk = a[q]![k]!;
    a[p]![k] = c * apk - s * aqk;
    a[q]![k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k]![p]!;
    const vkq = v[k]![q]!;
    v[k]![p] = c * vkp - s * vkq;
    v[k]![q] = s * vkp + c * vkq;
  }
}

/**
 * Eigenvalues and eigenvectors of the symmetric n×n matrix `m` (not modified; only its upper
 * triangle's symmetry is assumed, not checked).
 */
export function symmetricEigen(m: number[][]): SymmetricEigen {
  const n = m.length;
  const a = m.map((row) => [...row]);
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => +(i === j)));
  const scale = frobenius(a);
  for (let sweep = 0; sweep < MAX_SWEEPS && offNorm(a) > 1e-15 * scale; sweep++) {
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) rotate(a, v, p, q);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i]![i]! - a[j]![j]!);
  return {
    values: order.map((i) => a[i]![i]!),
    vectors: order.map((i) => v.map((row) => row[i]!)),
  };
}

/** The symmetric tridiagonal matrix with diagonal `alpha` [k] and off-diagonal `beta` [k − 1]. */
export function tridiagonal(alpha: number[], beta: number[]): number[][] {
  const k = alpha.length;
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      if (i === j) return alpha[i]!;
      if (Math.abs(i - j) === 1) return beta[Math.min(i, j)]!;
      return 0;
    }),
  );
}
