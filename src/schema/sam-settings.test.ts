import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './index';

const withFlat = (flat: Settings['train']['flat']): Settings => ({
  ...structuredClone(DEFAULT_SETTINGS),
  train: { ...DEFAULT_SETTINGS.train, optimizer: 'sam', flat },
});

describe('SAM p-norm, second order and update cosine settings', () => {
  it('take p = 2 or ∞, second order and the cosine interval; round-trip', () => {
    const s = withFlat({ samP: 'inf', secondOrder: true, cosineEvery: 5 });
    expect(parseSettings(JSON.parse(JSON.stringify(s)))).toEqual({
      ok: true,
      value: s,
      warnings: [],
    });
    expect(parseSettings(withFlat({ cosineEvery: 0 })).ok).toBe(true);
  });

  it('reject another p, a negative interval, and second order with ASAM', () => {
    const bad = (flat: Record<string, unknown>) =>
      parseSettings(withFlat(flat as Settings['train']['flat']));
    expect(bad({ samP: '1' }).ok).toBe(false);
    expect(bad({ cosineEvery: -1 }).ok).toBe(false);
    const both = bad({ secondOrder: true, adaptive: true });
    expect(both).toEqual({
      ok: false,
      issues: [
        {
          path: 'train.flat.secondOrder',
          message: 'Second-order SAM is offered for SAM, not ASAM: turn one of them off',
        },
      ],
    });
  });
});
