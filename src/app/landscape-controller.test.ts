import { describe, expect, it } from 'vitest';
import { createFlatlandStore } from '../store';
import type { GridResult, LandscapeConfig } from '../domain/api';
import { LandscapeController, type LandscapeDeps } from './landscape-controller';
import { grid, slice } from './testing/engine-stub';

const config: LandscapeConfig = {
  slicePoints: 3,
  sliceRange: 1,
  gridSize: 5,
  gridRange: 1,
  evalSamples: 8,
  seed: 1,
};

function cancelled(): Error {
  const e = new Error('Landscape evaluation cancelled');
  e.name = 'CancelledError';
  return e;
}

describe('LandscapeController with a progressive grid', () => {
  it('draws the coarse grid, then keeps it with a message when the refinement is cancelled', async () => {
    const store = createFlatlandStore();
    const coarse: GridResult = { ...grid, elapsedMs: 1 };
    const seen: (GridResult | null)[] = [];
    const engine: LandscapeDeps['engine'] = {
      slice1d: async () => slice,
      grid2d: async (_c, onProgress, onCoarse) => {
        onProgress({ done: 9, total: 25 });
        onCoarse?.(coarse);
        seen.push(store.getState().landscape.grid);
        onProgress({ done: 14, total: 25 });
        throw cancelled();
      },
      evaluateAt: async () => ({ t: 0, trainLoss: 0, trainAcc: 0, testLoss: 0, testAcc: 0 }),
      cancel: async () => undefined,
      // The plane probe is not part of this flow; a call would be a bug.
      evaluateAt2d: async () => Promise.reject(new Error('evaluateAt2d not expected')),
      probeImages: async () => Promise.reject(new Error('probeImages not expected')),
    };
    const controller = new LandscapeController({ engine, store });
    store.getState().setExplored({ runId: 'run-1', which: 'final' });
    await controller.compute(controller.invalidate(), store.getState().run.id, config);
    expect(seen).toEqual([coarse]);
    const { landscape, runLandscapes } = store.getState();
    expect(landscape).toMatchObject({ status: 'error', error: 'Landscape cancelled.' });
    expect(landscape.grid).toBe(coarse);
    expect(landscape.gridProgress).toEqual({ done: 14, total: 25 });
    expect(runLandscapes['run-1']).toBe(coarse);
  });
});
