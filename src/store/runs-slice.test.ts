import { describe, expect, it } from 'vitest';
import { createFlatlandStore } from './index';
import type { RunInfo, SliceResult } from '../domain/api';

const run = (id: string, name: string): RunInfo => ({
  id,
  name,
  color: '#2ca02c',
  config: {
    dataset: 'mnist',
    subset: 64,
    model: 'tiny-cnn',
    optimizer: 'swa',
    lr: 0.05,
    momentum: 0.9,
    weightDecay: 0,
    batchSize: 32,
    epochs: 2,
    seed: 1,
    evalSamples: 64,
  },
  summary: {
    runId: id,
    status: 'finished',
    steps: 4,
    epochs: 2,
    elapsedMs: 10,
    stepsPerSecond: 400,
    final: { trainLoss: 1, trainAcc: 0.6, testLoss: 1.1, testAcc: 0.55 },
    averaged: { nAveraged: 1, trainLoss: 0.9, trainAcc: 0.62, testLoss: 1, testAcc: 0.58 },
  },
  hasAverage: true,
  checkpoints: 3,
});

const slice: SliceResult = { t: [0], trainLoss: [1], testLoss: [1], trainAcc: [1], testAcc: [1] };

describe('runs slice', () => {
  it('lists runs and removes one without touching the landscape of another', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().setRuns([run('run-1', 'SGD'), run('run-2', 'SWA')]);
    s().setExplored({ runId: 'run-2', which: 'averaged' });
    s().setSlice(slice);
    s().removeRun('run-1');
    expect(s().runs.map((r) => r.id)).toEqual(['run-2']);
    expect(s().explored).toEqual({ runId: 'run-2', which: 'averaged' });
    expect(s().landscape.slice).toEqual(slice);
  });

  it('clears the explored weights and the landscape when their run is removed', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().setRuns([run('run-1', 'SWA')]);
    s().setExplored({ runId: 'run-1', which: 'averaged' });
    s().setSlice(slice);
    s().setProbeT(0.5);
    s().removeRun('run-1');
    expect(s().runs).toEqual([]);
    expect(s().explored).toBeNull();
    expect(s().landscape).toMatchObject({ status: 'idle', slice: null, grid: null });
    expect(s().probe.t).toBe(0);
  });

  it('begins exploring other weights from an empty landscape', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().setSlice(slice);
    s().beginExplore({ runId: 'run-3', which: 'final' });
    expect(s().explored).toEqual({ runId: 'run-3', which: 'final' });
    expect(s().landscape.slice).toBeNull();
  });

  it('forgets the comparison progress and explored weights when a new session begins', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().setRuns([run('run-1', 'SGD')]);
    s().setCompareProgress({ index: 3, total: 4, name: 'SAM' });
    s().setExplored({ runId: 'run-1', which: 'final' });
    s().setRunsError('gone');
    s().beginRun(2);
    expect(s().compare).toBeNull();
    expect(s().explored).toBeNull();
    // The run list is the worker's and outlives sessions.
    expect(s().runs).toHaveLength(1);
    s().setRunsError(null);
    expect(s().runsError).toBeNull();
  });

  it('stays serialisable with runs listed', () => {
    const store = createFlatlandStore();
    store.getState().setRuns([run('run-1', 'SWA')]);
    store.getState().setCompareProgress({ index: 1, total: 4, name: 'SGD' });
    const data = Object.fromEntries(
      Object.entries(store.getState()).filter(([, v]) => typeof v !== 'function'),
    );
    expect(structuredClone(data)).toEqual(data);
  });
});

describe('flat-minima settings', () => {
  it('records user choices as overrides and resets them, keeping label noise', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    expect(s().train.flat).toBeUndefined();
    s().setFlat({ rho: 0.1 });
    s().setFlat({ adaptive: true, labelNoise: 0.2 });
    expect(s().train.flat).toEqual({ rho: 0.1, adaptive: true, labelNoise: 0.2 });
    s().resetFlat();
    expect(s().train.flat).toEqual({ labelNoise: 0.2 });
    s().setFlat({ labelNoise: undefined });
    s().resetFlat();
    expect(s().train.flat).toEqual({});
  });

  it('keeps the field-error object when nothing changes', () => {
    const store = createFlatlandStore();
    const before = store.getState().fieldErrors;
    store.getState().setFieldError('rho', null);
    expect(store.getState().fieldErrors).toBe(before);
    store.getState().setFieldError('rho', 'Enter a number from 0 to 5');
    expect(store.getState().fieldErrors).toEqual({ rho: 'Enter a number from 0 to 5' });
  });
});
