import { expect, test } from 'vitest';
import { lrAt } from './schedules';

const at = (s: Parameters<typeof lrAt>[0], ts: number[]) => ts.map((t) => lrAt(s, t));

test('constant, cosine, step', () => {
  expect(at({ type: 'constant', lr: 0.1 }, [0, 5])).toEqual([0.1, 0.1]);
  const cos = at({ type: 'cosine', lr: 1, total: 4, minLr: 0.2 }, [0, 2, 4, 9]);
  [1, 0.6, 0.2, 0.2].forEach((w, i) => expect(cos[i]).toBeCloseTo(w, 12));
  const st = at({ type: 'step', lr: 1, stepSize: 3, gamma: 0.1 }, [0, 2, 3, 6]);
  [1, 1, 0.1, 0.01].forEach((w, i) => expect(st[i]).toBeCloseTo(w, 12));
});

test('cyclical (Izmailov et al. eq. 2): linear from near α1 to α2 in each cycle', () => {
  const lrs = at({ type: 'cyclical', alpha1: 0.05, alpha2: 0.01, cycle: 4 }, [0, 1, 2, 3, 4, 7]);
  // i = t + 1; τ = ((i − 1) mod 4 + 1) / 4 = 0.25, 0.5, 0.75, 1, then again.
  [0.04, 0.03, 0.02, 0.01, 0.04, 0.01].forEach((w, i) => expect(lrs[i]).toBeCloseTo(w, 12));
});

test('swa_linear and SWALR', () => {
  const sl = at({ type: 'swa_linear', lr: 0.1, swaLr: 0.05, swaStart: 10 }, [5, 7, 9, 20]);
  [0.1, 0.075, 0.05, 0.05].forEach((w, i) => expect(sl[i]).toBeCloseTo(w, 12));
  const base = { type: 'swalr', initialLr: 0.1, swaLr: 0.02 } as const;
  const lin = at({ ...base, annealEpochs: 4, annealStrategy: 'linear' }, [0, 1, 4, 9]);
  [0.1, 0.08, 0.02, 0.02].forEach((w, i) => expect(lin[i]).toBeCloseTo(w, 12));
  expect(lrAt({ ...base, annealEpochs: 0, annealStrategy: 'cos' }, 0)).toBeCloseTo(0.02, 12);
  expect(lrAt({ ...base, annealEpochs: 4, annealStrategy: 'cos' }, 2)).toBeCloseTo(0.06, 12);
});

test('fge (Garipov et al. 2018): α1 before the start, then α1 → α2 at the midpoint → α1', () => {
  const s = { type: 'fge', alpha1: 0.05, alpha2: 0.0005, cycle: 8, start: 3 } as const;
  // The paper's formula written out: i = t − start + 1, τ = ((i − 1) mod c + 1)/c.
  const formula = (t: number) => {
    if (t < s.start) return s.alpha1;
    const tau = (((t - s.start) % s.cycle) + 1) / s.cycle;
    if (tau <= 0.5) return (1 - 2 * tau) * s.alpha1 + 2 * tau * s.alpha2;
    return (2 - 2 * tau) * s.alpha2 + (2 * tau - 1) * s.alpha1;
  };
  for (let t = 0; t < 30; t++) expect(lrAt(s, t)).toBeCloseTo(formula(t), 15);
  // Hand values: τ = 1/8, 1/2 (the snapshot: α2), 1 (back at α1), then the next cycle.
  expect(lrAt(s, 3)).toBeCloseTo(0.75 * 0.05 + 0.25 * 0.0005, 15);
  expect(lrAt(s, 6)).toBeCloseTo(0.0005, 15);
  expect(lrAt(s, 14)).toBeCloseTo(0.0005, 15);
  expect(lrAt(s, 10)).toBeCloseTo(0.05, 15);
  expect(lrAt(s, 2)).toBe(0.05);
});
