import { describe, expect, it } from 'vitest';
import { createFlatlandStore } from '../../store';
import type { GridResult, SliceResult, SharpnessReport } from '../../domain/api';
import { runInterpolation } from '../interpolation/interpolation-job';
import { runSharpness } from '../sharpness/sharpness-job';
import { recomputeLandscape } from './landscape-job';
import { makeRun } from '../../store/testing/runs';

const slice: SliceResult = {
  t: [-1, 0, 1],
  trainLoss: [2, 0.1, 2],
  testLoss: [2, 0.2, 2],
  trainAcc: [0.2, 0.9, 0.2],
  testAcc: [0.2, 0.8, 0.2],
};
const grid: GridResult = {
  a: [0],
  b: [0],
  trainLoss: [[0.1]],
  testLoss: [[0.2]],
  trainAcc: [[0.9]],
  testAcc: [[0.8]],
  elapsedMs: 1,
  axes: { label1: 'PC1', label2: 'PC2', cosine: 0, explained: [0.9, 0.05] },
};
const report = { parameters: 1, baseLoss: 0.1, lambdaMax: { value: 3, iterations: 5 } };

function cancelled(): Error {
  const e = new Error('Landscape evaluation cancelled');
  e.name = 'CancelledError';
  return e;
}

/** A store after one finished run, with the worker's list holding `runs`. */
function trainedStore(runs = [makeRun('r1', 'sgd'), makeRun('r2', 'sam')]) {
  const store = createFlatlandStore();
  store.getState().beginRun(3);
  store.getState().setRuns(runs);
  store.getState().setRunStatus('finished', 'Training finished');
  return store;
}

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

describe('sharpness job', () => {
  it('measures each run trained alike with the same settings, with stage progress', async () => {
    const store = trainedStore([
      makeRun('r1', 'sgd'),
      makeRun('r2', 'swa'),
      makeRun('r3', 'sam', { lr: 1 }),
    ]);
    store.getState().setSharpnessTarget({ runId: 'r2', sameSettings: true });
    const asked: unknown[] = [];
    const stages: string[] = [];
    const engine = {
      sharpness: async (config: unknown, p: (x: never) => void) => {
        asked.push(config);
        p({ stage: 'trace', stageIndex: 1, stageCount: 5, done: 1, total: 1 } as never);
        const job = store.getState().analysis.job;
        stages.push(`${job?.item?.label}:${job?.stage?.name}`);
        return report as SharpnessReport;
      },
    };
    await runSharpness({ engine, store });
    expect(asked).toEqual([
      {
        weights: { runId: 'r1', which: 'final' },
        samples: 200,
        seed: 1,
        rho: 0.05,
        adaptiveRho: 2,
        powerIterations: 100,
        labels: 'trained',
      },
      {
        weights: { runId: 'r2', which: 'averaged' },
        samples: 200,
        seed: 1,
        rho: 0.05,
        adaptiveRho: 2,
        powerIterations: 100,
        labels: 'trained',
      },
    ]);
    expect(stages).toEqual(['SGD:trace', 'SWA:trace']);
    expect(store.getState().analysis.sharpness.entries.map((e) => e.which)).toEqual([
      'final',
      'averaged',
    ]);
    expect(store.getState().analysis.job).toBeNull();
  });

  it('keeps the rows measured before a cancel', async () => {
    const store = trainedStore();
    store.getState().setSharpnessTarget({ runId: 'r1', sameSettings: true });
    let n = 0;
    const engine = {
      sharpness: async () => {
        if (n++ > 0) throw cancelled();
        return report as SharpnessReport;
      },
    };
    await runSharpness({ engine, store });
    expect(store.getState().analysis.sharpness.entries).toHaveLength(1);
    expect(store.getState().analysis.sharpness.error).toBe('Sharpness cancelled.');
  });
});
