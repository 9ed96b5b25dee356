import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MODEL_ZOO } from '../engine/model/zoo';
import type { BackendId, BackendInfo } from '../domain/api';
import { trainingCandidates } from './backend';
import type { Calibration } from './backend-choice';
import { syntheticLoader, tinyConfig } from './testing/trained-api';
import { createWorkerApi } from './service';
import { timeRepeated } from './timing';
import {
  stepJob,
  timeTrainingSteps,
  TrainingCalibrator,
  type CalibrationDeps,
} from './train-calibration';

const JOB = stepJob(tinyConfig({ batchSize: 16 }), MODEL_ZOO.mlp.spec([28, 28, 1]));
const AUTO: BackendInfo = { active: 'webgpu', requested: 'auto', adapter: 'webgpu-adapter' };

/**
 * A worker where each backend takes `stepMs[id]` per step (absent: it cannot train the model),
 * recording what was measured and made active.
 */
function fakeWorker(candidates: BackendId[], stepMs: Partial<Record<BackendId, number>>) {
  const log = { measured: [] as Array<{ id: BackendId; giveUpMs?: number }>, candidates: 0 };
  const store = new Map<string, Calibration>();
  let now = 0;
  const worker = { active: candidates[0] ?? 'cpu', log, store };
  const deps: CalibrationDeps = {
    candidates: async () => {
      log.candidates++;
      return candidates.map((id) => ({ id, adapter: `${id}-adapter` }));
    },
    async measure(_job, giveUpMs) {
      const id = worker.active;
      log.measured.push(giveUpMs === undefined ? { id } : { id, giveUpMs });
      const ms = stepMs[id];
      if (ms === undefined) throw new Error(`${id} cannot train this model`);
      now += 100;
      const cut = giveUpMs !== undefined && ms > giveUpMs;
      return { reps: cut ? 0 : 4, ms: cut ? 0 : 4 * ms, warmupMs: ms, cut };
    },
    use: async (id) => {
      worker.active = id;
    },
    cache: {
      get: async (key) => store.get(key),
      set: async (key, value) => void store.set(key, value),
    },
    holdsTensors: () => false,
    clock: () => now,
  };
  return { worker, deps };
}

describe('the training backend calibration', () => {
  it('switches to the backend that trains the model fastest, says why, and re-describes evaluation', async () => {
    const { worker, deps } = fakeWorker(['webgpu', 'webgl', 'cpu'], {
      webgpu: 10,
      webgl: 5,
      cpu: 40,
    });
    const calibrator = new TrainingCalibrator(deps);
    const onSwitch = vi.fn(async (info: BackendInfo) => `evaluated on ${info.active}`);
    calibrator.configure(AUTO, onSwitch);
    const info = await calibrator.before(JOB);
    expect(info).toEqual({
      active: 'webgl',
      requested: 'auto',
      adapter: 'webgl-adapter',
      calibration: 'webgl: 2.0× the steps/s of webgpu for this model (calibrated 0.3 s)',
      evaluation: 'evaluated on webgl',
    });
    expect(worker.active).toBe('webgl');
    expect(calibrator.active).toBe('webgl');
    expect(onSwitch).toHaveBeenCalledOnce();
    // Timed in the order of preference; only the CPU may be given up on after its first step.
    expect(worker.log.measured).toEqual([
      { id: 'webgpu' },
      { id: 'webgl' },
      { id: 'cpu', giveUpMs: 50 },
    ]);
  });

  it('runs once per browser: a later session recalls the cached result without timing', async () => {
    const { worker, deps } = fakeWorker(['webgpu', 'cpu'], { webgpu: 20, cpu: 2 });
    const first = new TrainingCalibrator(deps);
    first.configure(AUTO);
    expect((await first.before(JOB))?.active).toBe('cpu');
    expect(worker.log.measured).toHaveLength(2);

    worker.active = 'webgpu';
    const later = new TrainingCalibrator(deps);
    later.configure(AUTO);
    const info = await later.before(JOB);
    expect(worker.log.measured).toHaveLength(2);
    expect(worker.active).toBe('cpu');
    expect(info?.calibration).toBe(
      'cpu: 10.0× the steps/s of webgpu for this model (calibrated 0.2 s, cached)',
    );
    // Another batch size is another calibration.
    await later.before({ ...JOB, batchSize: 32 });
    expect(worker.log.measured).toHaveLength(4);
  });

  it('keeps the preferred backend when the CPU is cut short after a slow first step', async () => {
    const { worker, deps } = fakeWorker(['webgpu', 'cpu'], { webgpu: 2, cpu: 500 });
    const calibrator = new TrainingCalibrator(deps);
    calibrator.configure(AUTO);
    const info = await calibrator.before(JOB);
    expect(worker.log.measured).toEqual([{ id: 'webgpu' }, { id: 'cpu', giveUpMs: 20 }]);
    expect(info?.active).toBe('webgpu');
    expect(info?.calibration).toMatch(/^webgpu: the fastest for this model \(cpu cut short/);
    expect(worker.active).toBe('webgpu');
  });

  it('never calibrates a forced backend, a single candidate, or while tensors live on the backend', async () => {
    const forced = fakeWorker(['webgpu', 'cpu'], { webgpu: 20, cpu: 2 });
    const a = new TrainingCalibrator(forced.deps);
    a.configure({ ...AUTO, requested: 'webgpu' });
    expect(await a.before(JOB)).toBeNull();
    expect(forced.worker.log).toMatchObject({ candidates: 0, measured: [] });

    const single = fakeWorker(['cpu'], { cpu: 2 });
    const b = new TrainingCalibrator(single.deps);
    b.configure({ active: 'cpu', requested: 'auto' });
    expect(await b.before(JOB)).toBeNull();
    expect(single.worker.log.measured).toEqual([]);

    const held = fakeWorker(['webgpu', 'cpu'], { webgpu: 20, cpu: 2 });
    const c = new TrainingCalibrator({ ...held.deps, holdsTensors: () => true });
    c.configure(AUTO);
    expect(await c.before(JOB)).toBeNull();
    expect(held.worker.log.measured).toEqual([]);
    expect(held.worker.active).toBe('webgpu');
  });

  it('records a backend that cannot train the model, and does not cache that calibration', async () => {
    const { worker, deps } = fakeWorker(['webgpu', 'webgl', 'cpu'], { webgpu: 10, cpu: 9.5 });
    const calibrator = new TrainingCalibrator(deps);
    calibrator.configure(AUTO);
    const info = await calibrator.before(JOB);
    expect(info?.active).toBe('webgpu');
    expect(info?.calibration).toMatch(/webgl failed, cpu 1\.1×/);
    expect(worker.store.size).toBe(0);
    expect(worker.active).toBe('webgpu');
  });
});

describe('training backend candidates', () => {
  /** The backends TF.js was asked to start (`tf.setBackend` goes through the engine). */
  let started: string[] = [];
  beforeEach(() => {
    started = [];
    const engine = tf.engine();
    const setBackend = engine.setBackend.bind(engine);
    vi.spyOn(engine, 'setBackend').mockImplementation((name: string) => {
      started.push(name);
      return setBackend(name);
    });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    await tf.setBackend('cpu');
  });

  it('leaves out a software WebGPU adapter: only the CPU is left, so nothing is calibrated', async () => {
    const requestAdapter = vi.fn(async () => ({
      info: { vendor: 'google', architecture: 'swiftshader' },
    }));
    vi.stubGlobal('navigator', { gpu: { requestAdapter } });
    const candidates = await trainingCandidates();
    expect(candidates.map((c) => c.id)).toEqual(['cpu']);
    expect(requestAdapter).toHaveBeenCalledOnce();
    expect(started).not.toContain('webgpu');
    expect(tf.getBackend()).toBe('cpu');
    const calibrator = new TrainingCalibrator({
      ...fakeWorker([], {}).deps,
      candidates: trainingCandidates,
    });
    calibrator.configure({ active: 'cpu', requested: 'auto' });
    expect(await calibrator.before(JOB)).toBeNull();
  });

  it('does try to start a hardware adapter (which cannot start in Node: no candidate either)', async () => {
    const requestAdapter = async () => ({ info: { vendor: 'nvidia', architecture: 'ada' } });
    vi.stubGlobal('navigator', { gpu: { requestAdapter } });
    expect((await trainingCandidates()).map((c) => c.id)).toEqual(['cpu']);
    expect(started).toContain('webgpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('timing training steps', () => {
  it('times forward, backward and update on the CPU backend and releases every tensor', async () => {
    const before = tf.memory().numTensors;
    const timing = await timeTrainingSteps(JOB);
    expect(tf.memory().numTensors).toBe(before);
    expect(timing.cut).toBe(false);
    expect(timing.reps).toBeGreaterThanOrEqual(1);
    expect(timing.reps).toBeLessThanOrEqual(10);
    expect(timing.ms).toBeGreaterThan(0);
    const givenUp = await timeTrainingSteps(JOB, 0);
    expect(givenUp).toMatchObject({ reps: 0, cut: true });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at the budget, never below the minimum nor above the maximum', async () => {
    let now = 0;
    const clock = () => now;
    const tick = (ms: number) => () => {
      now += ms;
    };
    const settle = async () => {};
    const budget = { minReps: 2, maxReps: 10, budgetMs: 100 };
    // Chunks of 1, 2 and 4 steps: the budget is spent after the third.
    expect(await timeRepeated(tick(30), settle, budget, clock)).toEqual({
      reps: 7,
      ms: 210,
      warmupMs: 30,
      cut: false,
    });
    expect((await timeRepeated(tick(1), settle, budget, clock)).reps).toBe(10);
    expect((await timeRepeated(tick(500), settle, budget, clock)).reps).toBe(3);
    expect((await timeRepeated(tick(500), settle, { ...budget, minReps: 1 }, clock)).reps).toBe(1);
    const cut = await timeRepeated(tick(500), settle, { ...budget, giveUpMs: 400 }, clock);
    expect(cut).toEqual({ reps: 0, ms: 0, warmupMs: 500, cut: true });
  });
});

describe('the worker with only the CPU backend to train on (Node, as this machine’s browser)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('starts on cpu, trains, and makes no calibration claim', async () => {
    // A browser without WebGPU (Node 20 has no navigator) and, lacking OffscreenCanvas, WebGL.
    vi.stubGlobal('navigator', {});
    const warn = vi.spyOn(console, 'warn');
    const api = createWorkerApi(syntheticLoader());
    const info = await api.init('auto');
    expect(info.active).toBe('cpu');
    expect(info.calibration).toBeUndefined();
    const kinds = new Set<string>();
    const summary = await api.train(tinyConfig(), (events) =>
      events.forEach((e) => kinds.add(e.kind)),
    );
    expect(summary.status).toBe('finished');
    expect(kinds.has('step')).toBe(true);
    expect(kinds.has('calibration')).toBe(false);
    expect(warn).not.toHaveBeenCalledWith(
      'Training backend calibration failed:',
      expect.anything(),
    );
    expect(tf.getBackend()).toBe('cpu');
  });
});
