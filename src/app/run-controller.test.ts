import { describe, expect, it } from 'vitest';
import { createMetricsBus } from './metrics-bus';
import { centerPoint, RunController } from './run-controller';
import type { EngineClient } from './worker-client';
import { createFlatlandStore } from '../store';
import type { GridResult, SliceResult, TrainEvent, TrainSummary } from '../worker/api';

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
};
const summary = (status: TrainSummary['status']): TrainSummary => ({
  status,
  steps: 2,
  epochs: 1,
  elapsedMs: 10,
  stepsPerSecond: 200,
  final: null,
});
const events: TrainEvent[] = [
  { kind: 'step', step: 1, epoch: 1, loss: 2, lr: 0.05, totalSteps: 2, elapsedMs: 5 },
  { kind: 'step', step: 2, epoch: 1, loss: 1, lr: 0.05, totalSteps: 2, elapsedMs: 10 },
];

/** A recording test double of the engine; `trainGate` lets a test hold training open. */
function stubEngine(status: TrainSummary['status'] = 'finished') {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  let gridGate: Promise<void> | null = null;
  const engine: EngineClient = {
    init: async (r) => (calls.push(`init:${r}`), { active: 'cpu', requested: r }),
    loadDataset: async (id) => (calls.push('load'), { id, train: 60000, test: 10000, loadMs: 1 }),
    train: async (_c, onEvents) => {
      calls.push('train');
      onEvents(events);
      await new Promise<void>((r) => (release = r));
      return summary(status);
    },
    pause: async () => void calls.push('pause'),
    resume: async () => void calls.push('resume'),
    stop: async () => void calls.push('stop'),
    slice1d: async (_c, p) => (calls.push('slice'), p({ done: 3, total: 3 }), slice),
    grid2d: async (_c, p) => {
      calls.push('grid');
      p({ done: 1, total: 1 });
      if (gridGate) await gridGate;
      return grid;
    },
    evaluateAt: async (t) => (
      calls.push(`eval:${t}`),
      { t, ...grid, trainLoss: t, trainAcc: 0.5, testLoss: t, testAcc: 0.5 }
    ),
  };
  const holdGrid = () => {
    let open: () => void = () => undefined;
    gridGate = new Promise<void>((r) => (open = r));
    return () => {
      gridGate = null;
      open();
    };
  };
  return { engine, calls, finishTraining: () => release(), holdGrid };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(status: TrainSummary['status'] = 'finished') {
  const stub = stubEngine(status);
  const store = createFlatlandStore();
  const bus = createMetricsBus();
  const controller = new RunController({ engine: stub.engine, store, bus, backend: 'cpu' });
  return { ...stub, store, bus, controller };
}

describe('RunController', () => {
  it('runs init → load → train → slice → grid and fills the store', async () => {
    const { controller, calls, store, bus, finishTraining } = setup();
    const done = controller.train();
    await tick();
    expect(store.getState().run).toMatchObject({ status: 'training', step: 2, totalSteps: 2 });
    expect(bus.history()).toHaveLength(2);
    finishTraining();
    await done;
    expect(calls).toEqual(['init:cpu', 'load', 'train', 'slice', 'grid']);
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
    expect(calls).toEqual(['init:cpu', 'load', 'train', 'stop']);
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
    const { controller, calls, store, finishTraining, holdGrid } = setup();
    const releaseGrid = holdGrid();
    const first = controller.train();
    await tick();
    finishTraining();
    await tick();
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
