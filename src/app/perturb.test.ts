import { describe, expect, it } from 'vitest';
import { createFlatlandStore } from '../store';
import { setup, tick } from './testing/engine-stub';

async function trained() {
  const t = setup();
  const done = t.controller.train();
  await tick();
  t.finishTraining();
  await done;
  return t;
}

describe('2D perturbation through the run controller', () => {
  it('evaluates only the first and the newest of rapid plane requests', async () => {
    const { controller, calls, store } = await trained();
    for (let i = 1; i <= 100; i++) controller.perturb.probePlane(i / 100, -i / 100);
    expect(store.getState().probe2d).toMatchObject({ a: 1, b: -1, pending: true });
    await tick();
    await tick();
    expect(calls.filter((c) => c.startsWith('eval2d'))).toEqual([
      'eval2d:0.01,-0.01',
      'eval2d:1,-1',
    ]);
    expect(store.getState().probe2d).toMatchObject({
      a: 1,
      b: -1,
      pending: false,
      value: { a: 1, b: -1, trainLoss: 0, predicted: [1, 2] },
    });
  });

  it('does nothing before there is a grid', () => {
    const { controller, calls, store } = setup();
    controller.perturb.probePlane(0.5, 0.5);
    expect(calls).toEqual([]);
    expect(store.getState().probe2d).toMatchObject({ a: 0, b: 0, pending: false });
  });

  it('loads the strip images into the store', async () => {
    const { controller, store } = await trained();
    await controller.perturb.loadProbeImages();
    expect(store.getState().probeImages).toMatchObject({ count: 2, labels: [1, 3] });
  });
});

describe('2D probe state', () => {
  it('stays pending until the value for its position arrives and resets with the landscape', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    const value = { trainLoss: 1, trainAcc: 0.5, testLoss: 1.1, testAcc: 0.4, predicted: [3] };
    s().setProbe2dPosition(0.5, -0.25);
    expect(s().probe2d).toMatchObject({ a: 0.5, b: -0.25, pending: true });
    s().setProbe2dPosition(0.5, 0.25);
    s().setProbe2dValue({ a: 0.5, b: -0.25, ...value });
    expect(s().probe2d.pending).toBe(true);
    s().setProbe2dValue({ a: 0.5, b: 0.25 + 1e-12, ...value });
    expect(s().probe2d.pending).toBe(false);
    s().setProbe2dError('failed');
    expect(s().probe2d).toMatchObject({ pending: false, error: 'failed' });
    s().setProbeImages({ dataset: 'mnist', count: 0, pixels: [], labels: [], classes: [] });
    s().beginExplore({ runId: 'run-1', which: 'final' });
    expect(s().probe2d).toEqual({ a: 0, b: 0, value: null, pending: false, error: null });
    expect(s().probeImages).toBeNull();
  });
});
