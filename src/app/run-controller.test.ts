import { describe, expect, it } from 'vitest';
import { centerPoint } from '../domain/slice';
import { grid, setup, slice, tick, trainWithGridHeld } from './testing/engine-stub';

describe('RunController', () => {
  it('runs init → load → train → slice → grid and fills the store', async () => {
    const { controller, calls, store, bus, finishTraining } = setup();
    const done = controller.train();
    await tick();
    expect(store.getState().run).toMatchObject({ status: 'training', step: 2, totalSteps: 2 });
    expect(bus.history().events['train-1']).toHaveLength(2);
    finishTraining();
    await done;
    expect(calls).toEqual(['init:cpu', 'load', 'train', 'list', 'slice', 'grid']);
    const s = store.getState();
    expect(s.run.message).toBe('Training finished');
    expect(s.landscape).toMatchObject({ status: 'done', slice, grid });
    expect(s.probe.value).toMatchObject({ t: 0, trainLoss: 0.1 });
  });

  it('skips the landscape for a stopped run', async () => {
    const { controller, calls, store, finishTraining } = setup('stopped');
    const done = controller.train();
    await tick();
    await controller.stop();
    finishTraining();
    await done;
    expect(calls).toEqual(['init:cpu', 'load', 'train', 'stop', 'list']);
    expect(store.getState().run.status).toBe('stopped');
  });

  it('ignores results of a run that has been replaced', async () => {
    const { controller, store, finishTraining } = setup();
    const done = controller.train();
    await tick();
    store.getState().beginRun(1); // another run took over
    finishTraining();
    await done;
    expect(store.getState().run.status).toBe('loading');
    expect(store.getState().summary).toBeNull();
    expect(store.getState().landscape.slice).toBeNull();
  });

  it('pauses and resumes only from the matching state', async () => {
    const { controller, calls, store, finishTraining } = setup();
    const done = controller.train();
    await tick();
    await controller.resume();
    await controller.pause();
    expect(store.getState().run.status).toBe('paused');
    await controller.resume();
    expect(store.getState().run.status).toBe('training');
    finishTraining();
    await done;
    expect(calls.filter((c) => c === 'pause' || c === 'resume')).toEqual(['pause', 'resume']);
  });

  it('coalesces probes after the landscape is done', async () => {
    const { controller, calls, store, finishTraining } = setup();
    const done = controller.train();
    await tick();
    finishTraining();
    await done;
    controller.probe(0.1);
    controller.probe(0.2);
    controller.probe(0.3);
    await tick();
    await tick();
    expect(calls.filter((c) => c.startsWith('eval'))).toEqual(['eval:0.1', 'eval:0.3']);
    expect(store.getState().probe).toMatchObject({ t: 0.3, pending: false });
  });

  it('reports worker errors as a failed run', async () => {
    const { engine, store, controller } = setup();
    engine.loadDataset = async () => {
      throw new Error('404 /data/mnist');
    };
    await controller.train();
    expect(store.getState().run).toMatchObject({
      status: 'error',
      message: 'Training failed: 404 /data/mnist',
    });
  });

  it('starts a new run only after the previous landscape has finished', async () => {
    const s = setup();
    const { controller, calls, store, finishTraining } = s;
    const { training: first, releaseGrid } = await trainWithGridHeld(s);
    expect(store.getState().landscape.status).toBe('grid');
    const second = controller.train();
    await tick();
    expect(store.getState().run.message).toBe('Finishing the previous landscape…');
    expect(calls.filter((c) => c === 'load')).toHaveLength(1);
    releaseGrid();
    await first;
    await tick();
    expect(calls.filter((c) => c === 'load')).toHaveLength(2);
    // The first run's grid arrived after the second run began: it must not be shown.
    expect(store.getState().landscape.grid).toBeNull();
    finishTraining();
    await second;
    expect(store.getState().landscape.grid).toEqual(grid);
  });

  it('finds the slice centre', () => {
    expect(centerPoint({ ...slice, t: [-0.5, 1e-17, 0.5] })?.t).toBe(1e-17);
    expect(centerPoint({ ...slice, t: [] })).toBeNull();
  });
});
