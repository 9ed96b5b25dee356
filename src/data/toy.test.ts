import { describe, expect, it } from 'vitest';
import { TOY_DATASETS, TOY_DEFAULTS, type ToySettings } from '../domain/toy-data';
import { generateToy } from './toy';

const settings = (over: Partial<ToySettings> = {}): ToySettings => ({
  ...TOY_DEFAULTS,
  trainSize: 300,
  testSize: 100,
  ...over,
});

function counts(labels: Uint8Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const c of labels) out[c]!++;
  return out;
}

/** Largest |coordinate| of a split's points. */
function extent(images: Uint8Array | Float32Array): number {
  return Array.from(images).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

describe('toy datasets', () => {
  it.each(TOY_DATASETS)('%s: the same seed gives identical arrays, another seed others', (id) => {
    const a = generateToy(id, settings({ noise: 0.2, seed: 5 }));
    const b = generateToy(id, settings({ noise: 0.2, seed: 5 }));
    expect(a.train.images).toEqual(b.train.images);
    expect(a.train.labels).toEqual(b.train.labels);
    expect(a.test.images).toEqual(b.test.images);
    const c = generateToy(id, settings({ noise: 0.2, seed: 6 }));
    expect(c.train.images).not.toEqual(a.train.images);
  });

  it.each(TOY_DATASETS)('%s: sizes, float32 points [1, 1, 2] and two classes', (id) => {
    const ds = generateToy(id, settings());
    expect(ds.imageShape).toEqual([1, 1, 2]);
    expect(ds.train.count).toBe(300);
    expect(ds.test.count).toBe(100);
    expect(ds.train.images).toBeInstanceOf(Float32Array);
    expect(ds.train.images).toHaveLength(600);
    expect(ds.test.images).toHaveLength(200);
    expect(ds.classes).toEqual(['class 0', 'class 1']);
    expect([...ds.train.labels, ...ds.test.labels].every((c) => c === 0 || c === 1)).toBe(true);
    expect(ds.train.images.every(Number.isFinite)).toBe(true);
  });

  it('spirals and blobs are balanced exactly over train + test; circles without noise too', () => {
    for (const id of ['spirals', 'blobs', 'circles'] as const) {
      const ds = generateToy(id, settings());
      const all = counts(ds.train.labels, 2).map((n, c) => n + counts(ds.test.labels, 2)[c]!);
      expect(all).toEqual([200, 200]);
      // The split is a seeded shuffle: the training split holds both classes about evenly.
      expect(Math.abs(counts(ds.train.labels, 2)[0]! - 150)).toBeLessThan(30);
    }
  });

  it('XOR labels follow the quadrant without noise and stay about balanced', () => {
    const ds = generateToy('xor', settings({ trainSize: 1000, testSize: 0 }));
    const { images, labels } = ds.train;
    for (let i = 0; i < ds.train.count; i++) {
      expect(labels[i]).toBe(images[2 * i]! * images[2 * i + 1]! >= 0 ? 1 : 0);
      // Pushed 0.3 off both axes, as Playground pads them.
      expect(Math.abs(images[2 * i]!)).toBeGreaterThanOrEqual(0.3 - 1e-6);
    }
    expect(counts(labels, 2)[1]! / 1000).toBeGreaterThan(0.44);
    expect(counts(labels, 2)[1]! / 1000).toBeLessThan(0.56);
    expect(extent(images)).toBeLessThanOrEqual(5.3 + 1e-6);
  });

  it('circles: class 1 inside radius 2.5, class 0 in the ring 3.5 to 5 without noise', () => {
    const ds = generateToy('circles', settings());
    const { images, labels } = ds.train;
    for (let i = 0; i < ds.train.count; i++) {
      const r = Math.hypot(images[2 * i]!, images[2 * i + 1]!);
      if (labels[i] === 1) expect(r).toBeLessThan(2.5 + 1e-6);
      else expect(r).toBeGreaterThanOrEqual(3.5 - 1e-6);
      expect(r).toBeLessThanOrEqual(5 + 1e-6);
    }
  });

  it('spirals reach radius 5, plus at most the noise', () => {
    expect(extent(generateToy('spirals', settings()).train.images)).toBeLessThanOrEqual(5);
    const noisy = generateToy('spirals', settings({ noise: 0.5 }));
    expect(extent(noisy.train.images)).toBeLessThanOrEqual(5.5);
    // Noise moves points: the same seed without noise puts them elsewhere.
    expect(noisy.train.images).not.toEqual(generateToy('spirals', settings()).train.images);
  });

  it('noise flips labels near the circle and the XOR axes', () => {
    const clean = generateToy('circles', settings({ trainSize: 2000, testSize: 0 }));
    const noisy = generateToy('circles', settings({ trainSize: 2000, testSize: 0, noise: 0.5 }));
    const inside = (d: typeof clean, i: number) =>
      Math.hypot(d.train.images[2 * i]!, d.train.images[2 * i + 1]!) < 2.5 ? 1 : 0;
    const wrong = (d: typeof clean) =>
      Array.from(d.train.labels).filter((c, i) => c !== inside(d, i)).length;
    expect(wrong(clean)).toBe(0);
    expect(wrong(noisy)).toBeGreaterThan(100);
  });

  it('blobs: k classes of equal size around centres 2√2 from the origin', () => {
    const ds = generateToy('blobs', settings({ classes: 4, trainSize: 4000, testSize: 0 }));
    expect(ds.classes).toHaveLength(4);
    expect(counts(ds.train.labels, 4)).toEqual([1000, 1000, 1000, 1000]);
    for (let c = 0; c < 4; c++) {
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < 4000; i++) {
        if (ds.train.labels[i] !== c) continue;
        sx += ds.train.images[2 * i]!;
        sy += ds.train.images[2 * i + 1]!;
      }
      const angle = Math.PI / 4 + (Math.PI / 2) * c;
      // Variance 0.5 at noise 0: the mean of 1,000 points is within 0.1 of the centre.
      expect(Math.abs(sx / 1000 - 2 * Math.SQRT2 * Math.cos(angle))).toBeLessThan(0.1);
      expect(Math.abs(sy / 1000 - 2 * Math.SQRT2 * Math.sin(angle))).toBeLessThan(0.1);
    }
  });
});
