import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/load';
import { DatasetCache } from './service-state';
import { syntheticDataset } from './testing/synthetic';

describe('DatasetCache', () => {
  it('loads an image set once and generates toy data by its settings', async () => {
    const loads: string[] = [];
    const cache = new DatasetCache(async (id): Promise<Dataset> => {
      loads.push(id);
      return syntheticDataset(20, 10);
    });
    expect(await cache.get('mnist')).toBe(await cache.get('mnist'));
    expect(loads).toEqual(['mnist']);
    const a = await cache.get('spirals', { trainSize: 40, testSize: 20 });
    // The defaults filled in make the same key as the settings written out.
    expect(await cache.get('spirals', { trainSize: 40, testSize: 20, noise: 0 })).toBe(a);
    expect(a.train.count).toBe(40);
    const noisy = await cache.get('spirals', { trainSize: 40, testSize: 20, noise: 0.3 });
    expect(noisy).not.toBe(a);
    expect(noisy.train.images).not.toEqual(a.train.images);
    const blobs = await cache.get('blobs', { classes: 3 });
    expect(blobs.classes).toHaveLength(3);
    expect(loads).toEqual(['mnist']);
  });
});
