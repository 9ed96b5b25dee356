import { describe, expect, it } from 'vitest';
import { solutionRef } from '../domain/solution';
import { trainingMessage } from './run-controller';
import { grid, setup, tick, trainWithGridHeld } from './testing/engine-stub';

describe('RunController with several runs', () => {
  it('lists a trained run, names its curves after it and explores its solution', async () => {
    const { controller, store, bus, finishTraining } = setup();
    store.getState().setTrain({ optimizer: 'swa' });
    const done = controller.train();
    await tick();
    expect(bus.history().series).toEqual([
      { key: 'train-1', name: 'SWA', color: '#2ca02c', final: false },
    ]);
    finishTraining();
    await done;
    const s = store.getState();
    expect(s.runs.map((r) => r.id)).toEqual(['run-1']);
    expect(s.explored).toEqual({ runId: 'run-1', which: 'averaged' });
    expect(bus.history().series[0]).toMatchObject({ key: 'train-1', name: 'SWA', final: true });
    expect(bus.history().series[0]?.color).toBe(s.runs[0]?.color);
  });

  it('compares four optimizers, reporting which one trains', async () => {
    const { controller, calls, store, bus, finishTraining } = setup();
    const done = controller.compare();
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) {
      await tick();
      messages.push(store.getState().run.message);
      expect(store.getState().compare?.index).toBe(i + 1);
      // Each finished run is listed as soon as the next one starts.
      expect(store.getState().runs).toHaveLength(i);
      finishTraining();
    }
    await done;
    expect(messages).toEqual([
      'Training SGD (1 of 4)…',
      'Training SWA (2 of 4)…',
      'Training SAM (3 of 4)…',
      'Training WASAM (4 of 4)…',
    ]);
    const s = store.getState();
    expect(s.runs.map((r) => r.name)).toEqual(['SGD', 'SWA', 'SAM', 'WASAM']);
    expect(s.compare).toBeNull();
    expect(s.explored).toEqual({ runId: 'run-4', which: 'averaged' });
    expect(s.run.message).toBe('Training finished');
    expect(s.landscape.status).toBe('done');
    expect(calls.filter((c) => c === 'slice')).toHaveLength(1);
    const series = bus.history().series;
    expect(series.map((m) => [m.key, m.name, m.final])).toEqual([
      ['run-1', 'SGD', true],
      ['run-2', 'SWA', true],
      ['run-3', 'SAM', true],
      ['run-4', 'WASAM', true],
    ]);
    expect(series.map((m) => m.color)).toEqual(s.runs.map((r) => r.color));
  });

  it('ends a stopped comparison with the stopped run', async () => {
    const { controller, store, finishTraining } = setup('stopped');
    const done = controller.compare();
    await tick();
    await controller.stop();
    finishTraining();
    await done;
    expect(store.getState().run).toMatchObject({ status: 'stopped', message: 'Training stopped' });
    expect(store.getState().runs).toHaveLength(1);
    expect(store.getState().landscape.status).toBe('idle');
  });

  it('explores a listed run: selects its solution and recomputes slice and grid', async () => {
    const { controller, calls, store, finishTraining } = setup();
    const first = controller.train();
    await tick();
    finishTraining();
    await first;
    store.getState().setTrain({ optimizer: 'wasam' });
    const second = controller.train();
    await tick();
    await controller.explore('run-1'); // ignored: training is active
    expect(calls.some((c) => c.startsWith('select'))).toBe(false);
    finishTraining();
    await second;
    expect(store.getState().explored).toEqual({ runId: 'run-2', which: 'averaged' });
    calls.length = 0;
    await controller.explore('run-1');
    expect(calls).toEqual(['select:run-1:final', 'slice', 'grid']);
    expect(store.getState().explored).toEqual({ runId: 'run-1', which: 'final' });
    expect(store.getState().landscape).toMatchObject({ status: 'done', grid });
  });

  it('cancels a running landscape before exploring other weights', async () => {
    const s = setup();
    const { controller, calls, store } = s;
    const { training: done, releaseGrid } = await trainWithGridHeld(s);
    expect(store.getState().landscape.status).toBe('grid');
    const exploring = controller.explore('run-1');
    await tick();
    expect(calls).toContain('cancel');
    expect(store.getState().landscape.slice).toBeNull();
    releaseGrid();
    await Promise.all([done, exploring]);
    expect(calls.filter((c) => c === 'slice')).toHaveLength(2);
    expect(store.getState().landscape.grid).toEqual(grid);
  });

  it('deletes runs, clearing the landscape when the explored one goes', async () => {
    const { controller, calls, store, finishTraining } = setup();
    const done = controller.compare();
    for (let i = 0; i < 4; i++) {
      await tick();
      finishTraining();
    }
    await done;
    await controller.deleteRun('run-1');
    expect(store.getState().runs.map((r) => r.id)).toEqual(['run-2', 'run-3', 'run-4']);
    expect(store.getState().landscape.grid).toEqual(grid);
    await controller.deleteRun('run-4');
    expect(calls.filter((c) => c.startsWith('delete'))).toEqual(['delete:run-1', 'delete:run-4']);
    expect(store.getState().explored).toBeNull();
    expect(store.getState().landscape).toMatchObject({ status: 'idle', slice: null, grid: null });
  });

  it('describes what trains and which weights a run is judged by', () => {
    expect(trainingMessage(null)).toBe('Training…');
    expect(trainingMessage({ index: 3, total: 4, name: 'SAM' })).toBe('Training SAM (3 of 4)…');
    expect(solutionRef({ id: 'run-7', hasAverage: true })).toEqual({
      runId: 'run-7',
      which: 'averaged',
    });
    expect(solutionRef({ id: 'run-8', hasAverage: false }).which).toBe('final');
  });
});
