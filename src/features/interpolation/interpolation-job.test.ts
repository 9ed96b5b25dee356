import { describe, expect, it } from 'vitest';
import { trainedStore } from '../../app/testing/analysis';
import { runInterpolation } from './interpolation-job';

describe('interpolation job', () => {
  it('interpolates the form’s pair and names its ends', async () => {
    const store = trainedStore();
    store.getState().setInterpolationDraft({
      a: { runId: 'r1', which: 'initial' },
      b: { runId: 'r2', which: 'final' },
    });
    const result = {
      alpha: [0, 1],
      trainLoss: [2, 0.1],
      testLoss: [2, 0.2],
      trainAcc: [0, 1],
      testAcc: [0, 1],
    };
    const progress: number[] = [];
    const engine = {
      interpolate: async (_c: unknown, p: (x: { done: number; total: number }) => void) => {
        p({ done: 1, total: 2 });
        progress.push(store.getState().analysis.job?.progress?.done ?? -1);
        return result;
      },
    };
    await runInterpolation({ engine, store });
    const { outcome, error } = store.getState().analysis.interpolation;
    expect(progress).toEqual([1]);
    expect(error).toBeNull();
    expect(outcome).toMatchObject({ labelA: 'SGD, initial', labelB: 'SAM, final', result });
    expect(outcome?.config).toMatchObject({ points: 41, from: -0.5, to: 1.5 });
  });

  it('explains a form it cannot send and a failure', async () => {
    const store = trainedStore();
    const engine = {
      interpolate: async (): Promise<never> => {
        throw new Error('shapes differ');
      },
    };
    await runInterpolation({ engine, store });
    expect(store.getState().analysis.interpolation.error).toBe('Choose A and B.');
    store.getState().setInterpolationDraft({
      a: { runId: 'r1', which: 'initial' },
      b: { runId: 'r1', which: 'final' },
    });
    await runInterpolation({ engine, store });
    expect(store.getState().analysis.interpolation.error).toBe(
      'Interpolation failed: shapes differ',
    );
  });
});
