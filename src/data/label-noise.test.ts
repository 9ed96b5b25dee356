import { describe, expect, it } from 'vitest';
import { applyLabelNoise } from './label-noise';

const labels = Int32Array.from({ length: 1000 }, (_, i) => i % 10);

describe('applyLabelNoise', () => {
  it('leaves labels alone at 0 and does not modify its input', () => {
    const r = applyLabelNoise(labels, 0, 10, 1);
    expect(r.changed).toBe(0);
    expect(Array.from(r.labels)).toEqual(Array.from(labels));
  });

  it('replaces the requested fraction with uniform classes (~9/10 of them actually change)', () => {
    const r = applyLabelNoise(labels, 0.4, 10, 1);
    const diff = r.labels.filter((v, i) => v !== labels[i]).length;
    expect(diff).toBe(r.changed);
    expect(r.changed).toBeGreaterThan(400 * 0.8);
    expect(r.changed).toBeLessThanOrEqual(400);
    expect(labels[0]).toBe(0);
    expect(r.labels.every((v) => v >= 0 && v < 10)).toBe(true);
  });

  it('is deterministic under a seed and differs across seeds', () => {
    const a = applyLabelNoise(labels, 0.3, 10, 5).labels;
    expect(Array.from(applyLabelNoise(labels, 0.3, 10, 5).labels)).toEqual(Array.from(a));
    expect(Array.from(applyLabelNoise(labels, 0.3, 10, 6).labels)).not.toEqual(Array.from(a));
  });

  it('rejects fractions outside [0, 1]', () => {
    expect(() => applyLabelNoise(labels, 1.5, 10, 1)).toThrow(/not in \[0, 1\]/);
    expect(() => applyLabelNoise(labels, Number.NaN, 10, 1)).toThrow();
  });
});
