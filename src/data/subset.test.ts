import { describe, expect, it } from 'vitest';
import { evalIndices, selectSubset } from './subset';

/** Labels with the given number of examples per class, interleaved like a shuffled dataset. */
function makeLabels(perClass: number[]): Uint8Array {
  const labels: number[] = [];
  const left = [...perClass];
  while (left.some((n) => n > 0)) {
    left.forEach((n, c) => {
      if (n > 0) {
        labels.push(c);
        left[c] = n - 1;
      }
    });
  }
  return Uint8Array.from(labels);
}

function histogram(labels: Uint8Array, indices: Int32Array, classes: number): number[] {
  const h = new Array<number>(classes).fill(0);
  for (const i of indices) h[labels[i]!]!++;
  return h;
}

describe('selectSubset', () => {
  const labels = makeLabels(new Array<number>(10).fill(50));

  it('is deterministic for a seed and differs across seeds', () => {
    const a = selectSubset(labels, 100, 1);
    expect(selectSubset(labels, 100, 1)).toEqual(a);
    const b = selectSubset(labels, 100, 2);
    expect(b).not.toEqual(a);
    expect(Array.from(b).sort()).not.toEqual(Array.from(a).sort());
  });

  it('returns distinct in-range indices, balanced across classes', () => {
    const subset = selectSubset(labels, 100, 3);
    expect(new Set(subset).size).toBe(100);
    expect(subset.every((i) => i >= 0 && i < labels.length)).toBe(true);
    expect(histogram(labels, subset, 10)).toEqual(new Array<number>(10).fill(10));
  });

  it('spreads a remainder so class counts differ by at most one, varying with the seed', () => {
    const favoured = new Set<string>();
    for (let seed = 0; seed < 8; seed++) {
      const h = histogram(labels, selectSubset(labels, 23, seed), 10);
      expect(h.reduce((s, n) => s + n, 0)).toBe(23);
      expect(Math.max(...h) - Math.min(...h)).toBe(1);
      favoured.add(h.map((n) => (n === 3 ? 1 : 0)).join(''));
    }
    expect(favoured.size).toBeGreaterThan(1);
  });

  it('gives small classes all they have and fills up from the others', () => {
    const skewed = makeLabels([2, 50, 50, 5]);
    const h = histogram(skewed, selectSubset(skewed, 40, 4, 4), 4);
    expect([h[0], h[3]]).toEqual([2, 5]);
    expect([h[1], h[2]].sort()).toEqual([16, 17]);
  });

  it('returns every index in a seeded shuffled order when size is 0 or too large', () => {
    const all = selectSubset(labels, 0, 5);
    expect(all.length).toBe(labels.length);
    expect(Array.from(all).sort((x, y) => x - y)).toEqual(
      Array.from({ length: labels.length }, (_, i) => i),
    );
    expect(Array.from(all.subarray(0, 20))).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(selectSubset(labels, 10_000, 5)).toEqual(all);
    expect(selectSubset(labels, 0, 6)).not.toEqual(all);
  });

  it('interleaves classes rather than grouping them', () => {
    const subset = selectSubset(labels, 100, 7);
    const firstTen = new Set(Array.from(subset.subarray(0, 10), (i) => labels[i]));
    expect(firstTen.size).toBeGreaterThan(3);
  });

  it('rejects bad sizes and out-of-range labels', () => {
    expect(() => selectSubset(labels, -1, 1)).toThrow(RangeError);
    expect(() => selectSubset(labels, 2.5, 1)).toThrow(RangeError);
    expect(() => selectSubset(Uint8Array.of(0, 1, 12), 2, 1)).toThrow(/label 12 at 2/);
  });
});

describe('evalIndices', () => {
  it('is a deterministic, sorted, distinct sample that depends on the seed', () => {
    const a = evalIndices(1000, 50, 1);
    expect(evalIndices(1000, 50, 1)).toEqual(a);
    expect(evalIndices(1000, 50, 2)).not.toEqual(a);
    expect(a.length).toBe(50);
    expect(new Set(a).size).toBe(50);
    for (let k = 1; k < a.length; k++) expect(a[k]!).toBeGreaterThan(a[k - 1]!);
    expect(a[a.length - 1]!).toBeLessThan(1000);
    expect(a[a.length - 1]!).toBeGreaterThan(500);
  });

  it('returns all indices in order when size is 0 or at least count', () => {
    const all = Array.from({ length: 30 }, (_, i) => i);
    expect(Array.from(evalIndices(30, 0, 1))).toEqual(all);
    expect(Array.from(evalIndices(30, 30, 1))).toEqual(all);
  });
});
