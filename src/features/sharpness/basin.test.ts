import { describe, expect, it } from 'vitest';
import type { SliceResult } from '../../domain/api';
import { basinReadout, switchBasinKind } from './basin';

/** A parabola 1 + 4t² on t ∈ [−1, 1]: L(0) = 1, L = 2 at t = ±0.5. */
const t = [-1, -0.5, 0, 0.5, 1];
const slice: SliceResult = {
  t,
  trainLoss: t.map((x) => 1 + 4 * x * x),
  testLoss: t.map(() => 1),
  trainAcc: t.map(() => 0.5),
  testAcc: t.map(() => 0.5),
};

describe('basin width', () => {
  it('measures the valley at a relative or absolute level', () => {
    const relative = basinReadout(slice, { kind: 'relative', value: 1 });
    expect(relative).toMatchObject({ ok: true, width: 1, lowerBound: false });
    expect(relative.text).toContain('t from -0.500 to +0.500');
    expect(relative.text).toContain('train loss ≤ 2.0000');
    expect(basinReadout(slice, { kind: 'absolute', value: 2 })).toMatchObject({ width: 1 });
  });

  it('says when the basin runs past the range or does not exist', () => {
    const wide = basinReadout(slice, { kind: 'absolute', value: 10 });
    expect(wide).toMatchObject({ ok: true, width: 2, lowerBound: true });
    expect(wide.text).toContain('at least');
    expect(basinReadout(slice, { kind: 'absolute', value: 0.5 })).toMatchObject({ ok: false });
    expect(basinReadout(null, { kind: 'relative', value: 0.1 }).text).toMatch(/slice/);
    const offRange = { ...slice, t: [1, 2, 3, 4, 5] };
    expect(basinReadout(offRange, { kind: 'relative', value: 0.1 })).toMatchObject({ ok: false });
  });

  it('keeps the same level when switching threshold kinds', () => {
    const abs = switchBasinKind({ kind: 'relative', value: 1 }, 'absolute', slice);
    expect(abs).toEqual({ kind: 'absolute', value: 2 });
    expect(switchBasinKind(abs, 'relative', slice)).toEqual({ kind: 'relative', value: 1 });
    // Below L(w) there is no relative equivalent: τ stops at 0.
    expect(switchBasinKind({ kind: 'absolute', value: 0.5 }, 'relative', slice).value).toBe(0);
    expect(switchBasinKind({ kind: 'relative', value: 0.3 }, 'absolute', null)).toEqual({
      kind: 'absolute',
      value: 0.3,
    });
  });
});
