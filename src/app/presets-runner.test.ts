import { describe, expect, it } from 'vitest';
import type { OptimizerId, TrainConfig } from '../domain/api';
import { KADDOUR, optimizerArm, QUICK, quick, type Preset } from '../domain/reproduce/presets';
import { createFlatlandStore } from '../store';
import { createWorkerApi } from '../worker/service';
import { syntheticDataset } from '../worker/testing/synthetic';
import { runPreset, startPreset, type PresetProgress } from './presets-runner';

// The worker API called directly (no Comlink): the runner sees the real RPCs end to end.
const engine = () => createWorkerApi(async () => syntheticDataset(200, 100));
const SMOKE = QUICK[0]!;

describe('presets runner', () => {
  it('runs the quick SWA preset end to end and judges its claims on what it measured', async () => {
    const api = engine();
    const progress: PresetProgress[] = [];
    const store = createFlatlandStore();
    const outcome = await startPreset(SMOKE, {
      engine: api,
      store,
      init: async () => undefined,
      onProgress: (p) => progress.push(p),
    });
    expect(outcome!.status).toBe('finished');
    expect(outcome!.seeds.map((s) => s.seed)).toEqual([1, 2]);
    const [seed, seed2] = outcome!.seeds;
    const sgd = seed!.runs.sgd!;
    const swa = seed!.runs.swa!;
    expect(sgd.basinWidth).toBeGreaterThan(0);
    expect(Number.isFinite(swa.basinWidth)).toBe(true);
    // Test accuracy on all 100 test images (a multiple of 1/100), train loss on all 64 images.
    expect(Math.abs(sgd.testAcc * 100 - Math.round(sgd.testAcc * 100))).toBeLessThan(1e-4);
    expect(sgd.trainLoss).toBeGreaterThan(0);
    // The verdicts follow from these numbers, whatever they are: paired per seed.
    const wider = outcome!.claims[0]!;
    expect(wider.effects[0]).toBeCloseTo((swa.basinWidth! - sgd.basinWidth!) / sgd.basinWidth!, 12);
    expect(wider.n).toBe(2);
    expect(['supported', 'contradicted', 'inconclusive']).toContain(wider.verdict);
    const errors = outcome!.claims[1]!;
    const s2 = seed2!.runs;
    expect(errors.effects[1]).toBeCloseTo(s2.sgd!.testAcc - s2.swa!.testAcc, 12);
    expect(errors.interval.mean).toBeCloseTo((errors.effects[0]! + errors.effects[1]!) / 2, 12);
    // Progress only grows and ends full.
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    // The runs join the run list and the session ends.
    expect(store.getState().runs.map((r) => r.id)).toEqual([
      sgd.runId,
      swa.runId,
      s2.sgd!.runId,
      s2.swa!.runId,
    ]);
    expect(store.getState().run.status).toBe('finished');
  });

  it('measures θ(α) barriers from SGD, and only what the claims need', async () => {
    const api = engine();
    const tiny: Preset = {
      ...quick(KADDOUR),
      arms: ['sgd', 'swa', 'sam'].map((o) => optimizerArm(o as OptimizerId)),
      seeds: [3],
      probe: { ...quick(KADDOUR).probe, sharpnessSamples: 16 },
      claims: KADDOUR.claims.slice(0, 2),
    };
    const outcome = await runPreset(tiny, api, () => undefined);
    const runs = outcome.seeds[0]!.runs;
    expect(runs.sgd!.barrier).toBe(0);
    expect(runs.swa!.barrier).toBeGreaterThanOrEqual(0);
    expect(runs.sam!.lambdaMax).toBeUndefined();
    expect(runs.sam!.basinWidth).toBeUndefined();
    // The level claims' effect is the barrier above the tolerance.
    expect(outcome.claims.map((c) => c.effects[0])).toEqual([
      runs.swa!.barrier! - 0.02,
      runs.sam!.barrier! - 0.02,
    ]);
  });

  it('trains each arm with its own settings and seed, and names arms in the verdicts', async () => {
    const api = engine();
    const configs: TrainConfig[] = [];
    const spy = {
      ...api,
      train: (c: TrainConfig, e: Parameters<typeof api.train>[1]) => {
        configs.push(c);
        return api.train(c, e);
      },
    };
    const base = quick(KADDOUR);
    const tiny: Preset = {
      ...base,
      train: { ...base.train, flat: { rho: 0.1, labelNoise: 0 } },
      arms: [
        { id: 'slow', label: 'SGD (lr 0.01)', optimizer: 'sgd', train: { lr: 0.01 } },
        { id: 'wide', label: 'SAM ρ 0.2', optimizer: 'sam', train: { flat: { rho: 0.2 } } },
        { id: 'other', label: 'SGD (seed + 100)', optimizer: 'sgd', seedOffset: 100 },
      ],
      seeds: [3],
      claims: [{ ...KADDOUR.claims[0]!, a: 'other' } as Preset['claims'][number]],
    };
    const outcome = await runPreset(tiny, spy, () => undefined);
    expect(configs.map((c) => [c.optimizer, c.lr, c.seed, c.flat?.rho])).toEqual([
      ['sgd', 0.01, 3, 0.1],
      ['sam', base.train.lr, 3, 0.2],
      ['sgd', base.train.lr, 103, 0.1],
    ]);
    // Label noise stays the preset's in every arm (flat is merged key by key).
    expect(configs.every((c) => c.flat?.labelNoise === 0)).toBe(true);
    const runs = outcome.seeds[0]!.runs;
    expect(Object.keys(runs)).toEqual(['slow', 'wide', 'other']);
    expect(runs.slow!.barrier).toBe(0);
    expect(outcome.claims[0]!.measured).toMatch(/^SGD \(lr 0\.01\) → SGD \(seed \+ 100\) barrier/);
  });

  it('ends as stopped, with what it measured, when Stop is pressed', async () => {
    const api = engine();
    let stopped = false;
    const outcome = await runPreset(SMOKE, api, (p) => {
      if (!stopped && p.done > 0) {
        stopped = true;
        void api.stop();
      }
    });
    expect(outcome.status).toBe('stopped');
    expect(outcome.seeds).toEqual([]);
    expect(outcome.claims.every((c) => c.verdict === 'inconclusive')).toBe(true);
  });

  it('does not start while a run is active', async () => {
    const store = createFlatlandStore();
    store.getState().beginRun(1);
    const started = await startPreset(SMOKE, {
      engine: engine(),
      store,
      init: async () => undefined,
      onProgress: () => undefined,
    });
    expect(started).toBeNull();
  });
});
