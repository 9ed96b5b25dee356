/**
 * Seeded index selection: a class-balanced training subset and a fixed evaluation subset.
 * Everything derives from the run's seed, so a run is reproducible from its config.
 */
import { deriveSeed, makeRng, permutation, type Rng } from '../domain/random';

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`subset size must be a non-negative integer, got ${size}`);
  }
}

function bucketByClass(labels: Uint8Array, classes: number): Int32Array[] {
  const counts = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label >= classes) throw new RangeError(`label ${label} at ${i} is not below ${classes}`);
    counts[label]!++;
  }
  const buckets = Array.from(counts, (n) => new Int32Array(n));
  const filled = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    buckets[label]![filled[label]!++] = i;
  }
  return buckets;
}

/**
 * Per-class quotas summing to `size`, as even as the class sizes allow: classes too small for
 * an even share give all they have and the rest is spread over the others. Which classes get
 * the one-extra remainder is seeded, so no class is favoured across seeds.
 */
function balancedQuotas(available: number[], size: number, rng: Rng): number[] {
  const quota = available.map(() => 0);
  const tieOrder = Array.from(permutation(available.length, rng));
  let remaining = size;
  while (remaining > 0) {
    const open = tieOrder.filter((c) => quota[c]! < available[c]!);
    if (open.length === 0) break;
    const share = Math.floor(remaining / open.length);
    if (share === 0) {
      for (const c of open.slice(0, remaining)) quota[c]!++;
      break;
    }
    for (const c of open) {
      const add = Math.min(share, available[c]! - quota[c]!);
      quota[c]! += add;
      remaining -= add;
    }
  }
  return quota;
}

/**
 * A seeded, class-balanced subset of training indices in seeded shuffled order. `size` 0 or
 * ≥ labels.length means every index (still shuffled). The same seed gives the same indices.
 */
export function selectSubset(
  labels: Uint8Array,
  size: number,
  seed: number,
  classes = 10,
): Int32Array {
  checkSize(size);
  const orderRng = makeRng(deriveSeed(seed, 'subset/order'));
  if (size === 0 || size >= labels.length) return permutation(labels.length, orderRng);
  const buckets = bucketByClass(labels, classes);
  const pickRng = makeRng(deriveSeed(seed, 'subset/pick'));
  const quotas = balancedQuotas(
    buckets.map((b) => b.length),
    size,
    pickRng,
  );
  const picked = new Int32Array(size);
  let k = 0;
  buckets.forEach((bucket, c) => {
    const order = permutation(bucket.length, pickRng);
    for (let i = 0; i < quotas[c]!; i++) picked[k++] = bucket[order[i]!]!;
  });
  return permutation(size, orderRng).map((i) => picked[i]!);
}

/**
 * A fixed seeded sample of `size` indices out of `count`, ascending (order does not matter
 * for evaluation and ascending reads are cache-friendly). `size` 0 or ≥ count means all.
 */
export function evalIndices(count: number, size: number, seed: number): Int32Array {
  checkSize(size);
  checkSize(count);
  if (size === 0 || size >= count) return Int32Array.from({ length: count }, (_, i) => i);
  const order = permutation(count, makeRng(deriveSeed(seed, 'eval')));
  return order.slice(0, size).sort();
}
