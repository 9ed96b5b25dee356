import { describe, expect, it } from 'vitest';
import { createFlatlandStore } from './index';
import { pointGrid } from './testing/results';

describe('landscapes per run', () => {
  it('draws the coarse grid at once and keeps each run’s latest landscape across runs', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().beginExplore({ runId: 'r1', which: 'final' });
    s().setLandscapeStatus('grid');
    s().setCoarseGrid(pointGrid(1));
    expect(s().landscape).toMatchObject({ status: 'grid', grid: pointGrid(1) });
    expect(s().runLandscapes).toEqual({ r1: pointGrid(1) });
    s().setGrid(pointGrid(2));
    expect(s().runLandscapes).toEqual({ r1: pointGrid(2) });
    // A new Train clears what is on screen but not the other runs' landscapes.
    s().beginRun(1);
    expect(s().landscape.grid).toBeNull();
    s().setExplored({ runId: 'r2', which: 'final' });
    s().setGrid(pointGrid(3));
    expect(s().runLandscapes).toEqual({ r1: pointGrid(2), r2: pointGrid(3) });
  });

  it('drops the landscape of a run that leaves the list', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().beginExplore({ runId: 'r1', which: 'final' });
    s().setGrid(pointGrid(1));
    s().setExplored({ runId: 'r2', which: 'final' });
    s().setGrid(pointGrid(2));
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
