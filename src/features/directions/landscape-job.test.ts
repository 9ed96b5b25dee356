import { describe, expect, it } from 'vitest';
import { cancelled, trainedStore } from '../../app/testing/analysis';
import { grid as plainGrid, slice } from '../../app/testing/engine-stub';
import type { GridResult } from '../../domain/api';
import { recomputeLandscape } from './landscape-job';

const grid: GridResult = {
  ...plainGrid,
  axes: { label1: 'PC1', label2: 'PC2', cosine: 0, explained: [0.9, 0.05] },
};

describe('recompute landscape', () => {
  it('sends the direction options and writes slice, grid and the slice direction', async () => {
    const store = trainedStore();
    store.getState().setLandscapeConfig({ directions: { kind1: 'pca', kind2: 'pca' } });
    const sent: unknown[] = [];
    const engine = {
      slice1d: async (c: unknown, p: (x: { done: number; total: number }) => void) => {
        sent.push(c);
        p({ done: 3, total: 3 });
        return slice;
      },
      grid2d: async (c: unknown) => (sent.push(c), grid),
    };
    await recomputeLandscape({ engine, store });
    const s = store.getState();
    expect(sent[0]).toMatchObject({ directions: { kind1: 'pca', kind2: 'pca' } });
    expect(s.landscape).toMatchObject({ status: 'done', slice, grid });
    expect(s.analysis.sliceKind).toBe('pca');
    expect(s.probe).toMatchObject({ t: 0, pending: false, value: { trainLoss: 0.1 } });
    expect(s.analysis.job).toBeNull();
  });

  it('reports a cancel and drops results of a replaced run', async () => {
    const store = trainedStore();
    const engine = {
      slice1d: async () => slice,
      grid2d: async (): Promise<GridResult> => {
        throw cancelled();
      },
    };
    await recomputeLandscape({ engine, store });
    expect(store.getState().landscape).toMatchObject({ status: 'error', slice });
    expect(store.getState().landscape.error).toBe('Landscape cancelled.');

    const replaced = trainedStore();
    const late = {
      slice1d: async () => (replaced.getState().beginRun(1), slice),
      grid2d: async () => grid,
    };
    await recomputeLandscape({ engine: late, store: replaced });
    expect(replaced.getState().landscape.slice).toBeNull();
    expect(replaced.getState().analysis.job).toBeNull();
  });

  it('does not start while training or another job runs', async () => {
    const store = trainedStore();
    let calls = 0;
    const engine = { slice1d: async () => (calls++, slice), grid2d: async () => grid };
    store.getState().startAnalysisJob('sharpness');
    await recomputeLandscape({ engine, store });
    store.getState().finishAnalysisJob();
    store.getState().setRunStatus('training', 'Training…');
    await recomputeLandscape({ engine, store });
    expect(calls).toBe(0);
  });
});
