import { deriveSeed, makeRng, permutation } from '../domain/random';

/**
 * Symmetric label noise (Zhang et al. 2017, used by Foret et al. 2021 to test SAM's robustness):
 * a seeded ⌊fraction·n⌉ of the labels are replaced by classes drawn uniformly from all classes,
 * so about 1/classes of the replaced labels keep their class by chance. Returns a new array.
 */
export function applyLabelNoise(
  labels: Int32Array,
  fraction: number,
  classes: number,
  seed: number,
): { labels: Int32Array; changed: number } {
  if (!(fraction >= 0 && fraction <= 1))
    throw new RangeError(`label noise ${fraction} is not in [0, 1]`);
  const out = Int32Array.from(labels);
  const count = Math.round(fraction * labels.length);
  if (count === 0) return { labels: out, changed: 0 };
  const which = permutation(labels.length, makeRng(deriveSeed(seed, 'noise/which')));
  const draw = makeRng(deriveSeed(seed, 'noise/label'));
  let changed = 0;
  for (let k = 0; k < count; k++) {
    const i = which[k]!;
    out[i] = Math.floor(draw() * classes);
    if (out[i] !== labels[i]) changed += 1;
  }
  return { labels: out, changed };
}
