import { describe, expect, it } from 'vitest';
import type { GridResult } from '../domain/api';
import { createFlatlandStore } from './index';

function grid(v: number): GridResult {
  return {
    a: [0],
    b: [0],
    trainLoss: [[v]],
    testLoss: [[v]],
    trainAcc: [[0]],
    testAcc: [[0]],
    elapsedMs: 0,
  };
}

describe('landscapes per run', () => {
  it('draws the coarse grid at once and keeps each run’s latest landscape across runs', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().beginExplore({ runId: 'r1', which: 'final' });
    s().setLandscapeStatus('grid');
    s().setCoarseGrid(grid(1));
    expect(s().landscape).toMatchObject({ status: 'grid', grid: grid(1) });
    expect(s().runLandscapes).toEqual({ r1: grid(1) });
    s().setGrid(grid(2));
    expect(s().runLandscapes).toEqual({ r1: grid(2) });
    // A new Train clears what is on screen but not the other runs' landscapes.
    s().beginRun(1);
    expect(s().landscape.grid).toBeNull();
    s().setExplored({ runId: 'r2', which: 'final' });
    s().setGrid(grid(3));
    expect(s().runLandscapes).toEqual({ r1: grid(2), r2: grid(3) });
  });

  it('drops the landscape of a run that leaves the list', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().beginExplore({ runId: 'r1', which: 'final' });
    s().setGrid(grid(1));
    s().setExplored({ runId: 'r2', which: 'final' });
    s().setGrid(grid(2));
    const listed = (ids: string[]) =>
      ids.map((id) => ({ ...({} as ReturnType<typeof s>['runs'][number]), id }));
    s().setRuns(listed(['r1', 'r2']));
    expect(Object.keys(s().runLandscapes)).toEqual(['r1', 'r2']);
    s().removeRun('r1');
    expect(Object.keys(s().runLandscapes)).toEqual(['r2']);
    s().setRuns(listed([]));
    expect(s().runLandscapes).toEqual({});
  });

  it('remembers the shared colour scale choice', () => {
    const store = createFlatlandStore();
    expect(store.getState().analysis.sharedColorScale).toBeNull();
    store.getState().setSharedColorScale(false);
    expect(store.getState().analysis.sharedColorScale).toBe(false);
  });
});
