import { describe, expect, it } from 'vitest';
import { linspace } from './slice';
import { basinWidth } from './sharpness-basin';

const T = linspace(-1, 1, 51); // spacing 0.04, as Li et al.'s default slice

/** L0 + ½·a·(t − c)², sampled on T. */
const parabola = (l0: number, a: number, c = 0) => T.map((t) => l0 + 0.5 * a * (t - c) ** 2);

describe('basin width of a 1D slice', () => {
  it('is 2·sqrt(2δ/a) for a parabola at threshold L(0) + δ', () => {
    for (const [a, delta] of [
      [4, 0.5],
      [10, 0.3],
      [1, 0.2],
    ] as const) {
      const r = basinWidth(T, parabola(0.7, a), { kind: 'additive', value: delta });
      const half = Math.sqrt((2 * delta) / a);
      // Linear interpolation of a convex curve: error ≤ a·h²/8 / |slope| = h²/(8·half).
      const tol = 0.04 ** 2 / (8 * half) + 1e-12;
      expect(Math.abs(r.width - 2 * half)).toBeLessThanOrEqual(2 * tol);
      expect(Math.abs(r.right - half)).toBeLessThanOrEqual(tol);
      expect(Math.abs(r.left + half)).toBeLessThanOrEqual(tol);
      expect(r.threshold).toBeCloseTo(0.7 + delta, 12);
      expect(r.baseLoss).toBe(0.7);
      expect(r.center).toBe(0);
      expect([r.leftOpen, r.rightOpen, r.lowerBound, r.empty]).toEqual([
        false,
        false,
        false,
        false,
      ]);
    }
  });

  it('relative and absolute thresholds give the same crossing as the equivalent additive one', () => {
    const loss = parabola(0.5, 4);
    const add = basinWidth(T, loss, { kind: 'additive', value: 0.1 });
    const rel = basinWidth(T, loss, { kind: 'relative', value: 0.2 }); // 0.5·1.2 = 0.6
    const abs = basinWidth(T, loss, { kind: 'absolute', value: 0.6 });
    expect(rel.width).toBeCloseTo(add.width, 12);
    expect(abs.width).toBeCloseTo(add.width, 12);
    expect(abs.threshold).toBe(0.6);
  });

  it('flags sides that leave the plotted range: the width is then a lower bound', () => {
    const loss = parabola(0, 1, 0.52); // minimum at the sample t = 0.52; L(−1) > 0.5 > L(1)
    const r = basinWidth(T, loss, { kind: 'absolute', value: 0.5 });
    expect(r.center).toBeCloseTo(0.52, 12);
    expect(r.rightOpen).toBe(true);
    expect(r.right).toBe(1);
    expect(r.leftOpen).toBe(false);
    expect(Math.abs(r.left - (0.52 - 1))).toBeLessThan(1e-3);
    expect(r.lowerBound).toBe(true);
    const both = basinWidth(T, parabola(0, 1), { kind: 'additive', value: 10 });
    expect([both.left, both.right, both.width]).toEqual([-1, 1, 2]);
    expect([both.leftOpen, both.rightOpen, both.lowerBound]).toEqual([true, true, true]);
  });

  it('centres on the slice minimum by default, on t = 0 with center: origin', () => {
    // Two valleys: t = −0.52 (deep) and t = 0.52 (shallow), w (t = 0) on the ridge between.
    const loss = T.map((t) => Math.min((t + 0.52) ** 2, 0.1 + (t - 0.52) ** 2));
    const min = basinWidth(T, loss, { kind: 'absolute', value: 0.2 });
    expect(min.center).toBeCloseTo(-0.52, 12);
    expect(min.right).toBeLessThan(0);
    const origin = basinWidth(T, loss, { kind: 'absolute', value: 0.2 }, { center: 'origin' });
    expect(origin.empty).toBe(true);
    expect(origin.width).toBe(0);
  });

  it('treats diverged (non-finite) points as above the threshold', () => {
    const loss = parabola(0, 2);
    loss[40] = NaN; // t = 0.6
    loss[10] = Infinity; // t = −0.6
    const r = basinWidth(T, loss, { kind: 'absolute', value: 100 });
    expect(r.right).toBeCloseTo(0.56, 12);
    expect(r.left).toBeCloseTo(-0.56, 12);
    expect(r.lowerBound).toBe(false);
  });

  it('interpolates L(0) between samples, and validates its input', () => {
    const t = [-0.75, -0.25, 0.25, 0.75];
    const loss = t.map((x) => x * x + 1);
    const r = basinWidth(t, loss, { kind: 'additive', value: 0.5 });
    expect(r.baseLoss).toBeCloseTo(1.0625, 12); // chord between ±0.25
    expect(() => basinWidth([0, 0], [1, 1], { kind: 'absolute', value: 1 })).toThrow(/increasing/);
    expect(() => basinWidth([0], [1], { kind: 'absolute', value: 1 })).toThrow(/2 points/);
    expect(() => basinWidth([1, 2], [1, 1], { kind: 'relative', value: 1 })).toThrow(/baseLoss/);
    expect(basinWidth([1, 2], [1, 1], { kind: 'relative', value: 1 }, { baseLoss: 1 }).width).toBe(
      1,
    );
  });
});
