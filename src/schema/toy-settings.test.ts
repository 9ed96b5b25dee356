import { describe, expect, it } from 'vitest';
import { TOY_DEFAULTS } from '../domain/toy-data';
import { parseSettings } from './parse';
import { DEFAULT_SETTINGS } from './settings';

const settings = (train: Record<string, unknown>) => ({ version: 2, train });

describe('toy dataset settings', () => {
  it('default to Playground’s 250 + 250 points without noise', () => {
    expect(DEFAULT_SETTINGS.train.toy).toEqual(TOY_DEFAULTS);
    const r = parseSettings(settings({ dataset: 'circles', toy: { noise: 0.25, classes: 5 } }));
    expect(r.ok && r.value.train.toy).toEqual({ ...TOY_DEFAULTS, noise: 0.25, classes: 5 });
  });

  it('are checked against their ranges', () => {
    for (const toy of [{ noise: 0.6 }, { trainSize: 5 }, { classes: 7 }, { testSize: 10.5 }]) {
      const r = parseSettings(settings({ dataset: 'blobs', toy }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]!.path).toBe(`train.toy.${Object.keys(toy)[0]}`);
    }
  });

  it('bound the batch size by the toy training set, not by the image sets', () => {
    const r = parseSettings(
      settings({ dataset: 'xor', batchSize: 64, subset: 2000, toy: { trainSize: 50 } }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        { path: 'train.batchSize', message: 'At most the training subset (50 points)' },
      ]);
    // The same sizes are fine on MNIST's 60,000 images.
    const mnist = settings({
      dataset: 'mnist',
      batchSize: 64,
      subset: 2000,
      toy: { trainSize: 50 },
    });
    expect(parseSettings(mnist).ok).toBe(true);
  });
});
