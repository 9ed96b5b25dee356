/** The rules SAM's variants follow across settings (m-SAM, m-sharpness, second order). */

/**
 * m-SAM cuts every batch into B/m sub-batches of m rows; the shapes stay constant only when m
 * divides B (0 is the whole batch).
 */
export function samMProblem(m: number | undefined, batchSize: number): string | null {
  if (!m || batchSize % m === 0) return null;
  const divisors = [];
  for (let d = 1; d <= batchSize && divisors.length < 8; d++)
    if (batchSize % d === 0) divisors.push(d);
  return `m must divide the batch size ${batchSize} (e.g. ${divisors.join(', ')}), or be 0 for the whole batch`;
}

/** m-sharpness needs at least one set of m samples. */
export function sharpnessMProblem(m: number, samples: number): string | null {
  return m <= samples ? null : `At most the samples (${samples}): one set of m is the least`;
}

/**
 * The second-order term is derived for SAM's ε̂ on the whole batch (Foret et al. 2021): ASAM's ε̂
 * also moves with |w|, a term the app does not compute, and m-SAM has one ε̂ per sub-batch.
 */
export function secondOrderProblem(secondOrder?: boolean, adaptive?: boolean, m?: number) {
  if (!secondOrder) return null;
  if (adaptive) return 'Second-order SAM is offered for SAM, not ASAM: turn one of them off';
  return m ? 'Second-order SAM takes the whole batch, not m-SAM: set m to 0 or turn it off' : null;
}
