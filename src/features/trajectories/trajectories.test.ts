import { describe, expect, it, vi } from 'vitest';
import { createFlatlandStore } from '../../store';
import type { EpochEvent, TrajectoryResult } from '../../domain/api';
import { pathStyle, planeCaption, trajectoryTraces } from './trajectory-figure';
import { createTrajectoryStore, syncTrajectories } from './trajectory-sync';

const randomPlane: TrajectoryResult = {
  plane: 'random',
  label1: 'd1',
  label2: 'd2',
  paths: [{ runId: 'run-1', epochs: [0, 1], a: [0, 0.5], b: [0, -0.1] }],
};
const pcaPlane: TrajectoryResult = {
  plane: 'pca',
  label1: 'PC1',
  label2: 'PC2',
  explained: [0.6, 0.25],
  paths: [
    { runId: 'run-1', epochs: [0, 1], a: [0, 1], b: [0, 0] },
    { runId: 'run-2', epochs: [0, 1], a: [0, 0.4], b: [0, 0.3], averaged: { a: 0.3, b: 0.2 } },
  ],
};

const epoch = (n: number): EpochEvent => ({
  kind: 'epoch',
  epoch: n,
  step: n,
  trainLoss: 1,
  trainAcc: 0.5,
  testLoss: 1,
  testAcc: 0.5,
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('trajectory sync', () => {
  it('polls the random plane after each epoch of a comparison, then switches to PCA once it ends', async () => {
    const store = createFlatlandStore();
    const local = createTrajectoryStore();
    let slowRandom: (r: TrajectoryResult) => void = () => undefined;
    const engine = {
      trajectories: vi
        .fn()
        .mockResolvedValueOnce(randomPlane)
        .mockImplementationOnce(() => new Promise((resolve) => (slowRandom = resolve))),
      trajectoryPca: vi.fn().mockResolvedValue(pcaPlane),
    };
    const stop = syncTrajectories(store, engine, local);
    store.getState().beginRun(1);
    // A plain training run (no comparison) draws no trajectories.
    store.getState().setLastEpoch(epoch(1));
    expect(engine.trajectories).not.toHaveBeenCalled();

    store.getState().setCompareProgress({ index: 1, total: 4, name: 'SGD' });
    store.getState().setLastEpoch(epoch(1));
    await flush();
    expect(local.getState().result).toEqual(randomPlane);
    store.getState().setLastEpoch(epoch(2));
    store.getState().setCompareProgress(null);
    store.getState().finishRun({
      status: 'finished',
      steps: 2,
      epochs: 2,
      elapsedMs: 1,
      stepsPerSecond: 1,
      final: null,
    });
    await flush();
    expect(engine.trajectoryPca).toHaveBeenCalledTimes(1);
    expect(local.getState().result).toEqual(pcaPlane);
    // The random-plane answer that arrives late does not replace the final plane.
    slowRandom(randomPlane);
    await flush();
    expect(local.getState().result).toEqual(pcaPlane);

    // A new session starts empty.
    store.getState().beginRun(1);
    expect(local.getState().result).toBeNull();
    stop();
  });
});

describe('trajectory figure', () => {
  it('draws one line per run in its colour and a diamond for each average', () => {
    const traces = trajectoryTraces(pcaPlane, []);
    expect(traces).toHaveLength(3);
    expect(traces.map((t) => t.name)).toEqual(['SGD', 'SWA', 'SWA average']);
    // Before a run is stored it takes the comparison's order: SGD, SWA, SAM, WASAM.
    expect(pathStyle('run-9', 2, []).name).toBe('SAM');
    expect(planeCaption(pcaPlane)).toContain('85.0%');
  });
});
