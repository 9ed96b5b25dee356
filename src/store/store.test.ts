import { describe, expect, it } from 'vitest';
import { createFlatlandStore, runHoldsControls } from './index';
import { DEFAULT_LANDSCAPE, DEFAULT_TRAIN } from './defaults';
import { parseNumber, parseSubset, LIMITS } from './limits';
import { pointGrid, valleySlice } from './testing/results';
import { makeRun } from './testing/runs';
import { DEFAULT_SETTINGS, RANGES } from '../schema';

const slice = valleySlice();
const grid = pointGrid(0.1);
// A finished run of 3 epochs, as the worker reports it.
const finished = makeRun('r1', 'sgd').summary;

describe('settings slice', () => {
  it('starts from the documented defaults', () => {
    const s = createFlatlandStore().getState();
    expect(s.train).toEqual(DEFAULT_TRAIN);
    expect(s.train).toMatchObject({ dataset: 'mnist', subset: 2000, model: 'tiny-cnn', lr: 0.05 });
    expect(s.landscapeConfig).toEqual(DEFAULT_LANDSCAPE);
    expect(s.landscapeConfig).toMatchObject({ slicePoints: 51, gridSize: 21, evalSamples: 1000 });
  });

  it('takes its defaults and the controls’ ranges from the settings schema', () => {
    expect(LIMITS).toBe(RANGES);
    // Flat-minima settings follow the optimizer, so the store starts without them.
    expect(DEFAULT_TRAIN).not.toHaveProperty('flat');
    expect({ ...DEFAULT_TRAIN, flat: DEFAULT_SETTINGS.train.flat }).toEqual(DEFAULT_SETTINGS.train);
    expect(DEFAULT_LANDSCAPE).toMatchObject({ gridSize: DEFAULT_SETTINGS.landscape.gridSize });
  });

  it('patches settings without touching other fields', () => {
    const store = createFlatlandStore();
    store.getState().setTrain({ lr: 0.1, optimizer: 'adam' });
    store.getState().setLandscapeConfig({ gridSize: 11 });
    expect(store.getState().train).toEqual({ ...DEFAULT_TRAIN, lr: 0.1, optimizer: 'adam' });
    expect(store.getState().landscapeConfig.gridSize).toBe(11);
    expect(store.getState().landscapeConfig.slicePoints).toBe(51);
  });

  it('tracks and clears field errors and URL notices', () => {
    const store = createFlatlandStore();
    store.getState().setFieldError('lr', 'too big');
    store.getState().setFieldError('seed', 'bad');
    store.getState().setFieldError('lr', null);
    expect(store.getState().fieldErrors).toEqual({ seed: 'bad' });
    store.getState().setIgnoredParams([{ name: 'lr', value: 'x', reason: 'r' }]);
    store.getState().dismissIgnoredParams();
    expect(store.getState().ignoredParams).toEqual([]);
  });
});

describe('run slice', () => {
  it('begins runs with increasing ids and clears the previous results', () => {
    const store = createFlatlandStore();
    const first = store.getState().beginRun(3);
    store.getState().setSlice(slice);
    store.getState().finishRun(finished);
    const second = store.getState().beginRun(5);
    const s = store.getState();
    expect(second).toBe(first + 1);
    expect(s.run).toMatchObject({ id: second, status: 'loading', epochs: 5, step: 0 });
    expect(s.run.message).toBe('Loading dataset…');
    expect(s.summary).toBeNull();
    expect(s.landscape.slice).toBeNull();
  });

  it('records progress with ETA and throughput', () => {
    const store = createFlatlandStore();
    store.getState().beginRun(3);
    store.getState().recordProgress({ step: 24, epoch: 1, totalSteps: 96, elapsedMs: 1_000 });
    expect(store.getState().run).toMatchObject({
      step: 24,
      epoch: 1,
      totalSteps: 96,
      etaMs: 3_000,
      stepsPerSecond: 24,
    });
  });

  it('finishes, stops and fails with the texts the UI shows', () => {
    const store = createFlatlandStore();
    store.getState().beginRun(3);
    store.getState().finishRun(finished);
    expect(store.getState().run).toMatchObject({
      status: 'finished',
      message: 'Training finished',
    });
    expect(store.getState().summary).toEqual(finished);
    store.getState().finishRun({ ...finished, status: 'stopped' });
    expect(store.getState().run).toMatchObject({ status: 'stopped', message: 'Training stopped' });
    store.getState().failRun('Out of memory');
    expect(store.getState().run).toMatchObject({ status: 'error', message: 'Out of memory' });
  });
});

describe('backend slice', () => {
  it('moves from pending to ready or error', () => {
    const store = createFlatlandStore();
    expect(store.getState().backend.status).toBe('pending');
    store.getState().setBackendInfo({ active: 'webgl', requested: 'auto', fallbackReason: 'x' });
    expect(store.getState().backend).toMatchObject({ status: 'ready', error: null });
    store.getState().setBackendError('no backend');
    expect(store.getState().backend).toEqual({ status: 'error', info: null, error: 'no backend' });
  });
});

describe('results slice', () => {
  it('walks the landscape through slice, grid and done', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().setLandscapeStatus('slice');
    s().setSliceProgress({ done: 1, total: 3 });
    s().setSlice(slice);
    s().setLandscapeStatus('grid');
    s().setGridProgress({ done: 3, total: 9 });
    s().setGrid(grid);
    expect(s().landscape).toMatchObject({ status: 'done', slice, grid, error: null });
    expect(s().landscape.gridProgress).toEqual({ done: 3, total: 9 });
    s().failLandscape('lost');
    expect(s().landscape).toMatchObject({ status: 'error', error: 'lost' });
  });

  it('marks the probe pending until the value for its position arrives', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    const value = { trainLoss: 1, trainAcc: 0.5, testLoss: 1.1, testAcc: 0.4 };
    s().setProbeT(0.5);
    expect(s().probe).toMatchObject({ t: 0.5, pending: true });
    s().setProbeT(0.7);
    s().setProbeValue({ t: 0.5, ...value });
    expect(s().probe.pending).toBe(true);
    s().setProbeValue({ t: 0.7 + 1e-12, ...value });
    expect(s().probe.pending).toBe(false);
    s().setProbeError('failed');
    expect(s().probe).toMatchObject({ pending: false, error: 'failed' });
  });

  it('keeps only serialisable data', () => {
    const store = createFlatlandStore();
    store.getState().beginRun(1);
    store.getState().setSlice(slice);
    const data = Object.fromEntries(
      Object.entries(store.getState()).filter(([, v]) => typeof v !== 'function'),
    );
    expect(structuredClone(data)).toEqual(data);
  });
});

describe('limits', () => {
  it('parses numbers within range', () => {
    expect(parseNumber('0.05', LIMITS.lr)).toEqual({ ok: true, value: 0.05 });
    expect(parseNumber('0', LIMITS.lr).ok).toBe(false);
    expect(parseNumber('3.5', LIMITS.epochs).ok).toBe(false);
    expect(parseNumber('', LIMITS.epochs).ok).toBe(false);
    const bad = parseNumber('-3', LIMITS.lr);
    expect(bad.ok ? '' : bad.message).toBe('Enter a number from 0.00001 to 10');
    expect(parseSubset('ALL')).toEqual({ ok: true, value: 0 });
  });
});

describe('runHoldsControls', () => {
  it('holds the controls while a run loads, trains or pauses, not while saved runs come back', () => {
    const store = createFlatlandStore();
    const holds = () => runHoldsControls(store.getState());
    expect(holds()).toBe(false);
    store.getState().setRestoring(true);
    store.getState().setRunStatus('loading', 'Restoring saved runs…');
    expect(holds()).toBe(false);
    store.getState().setRestoring(false);
    expect(holds()).toBe(true);
    store.getState().beginRun(1);
    expect(holds()).toBe(true);
    store.getState().setRunStatus('training', 'Training…');
    expect(holds()).toBe(true);
    store.getState().setRunStatus('paused', 'Paused');
    expect(holds()).toBe(true);
    store.getState().finishRun(finished);
    expect(holds()).toBe(false);
  });
});
