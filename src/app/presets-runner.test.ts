import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KADDOUR, SMOKE, type Preset } from '../features/reproduce/presets';
import { createFlatlandStore } from '../store';
import { createWorkerApi } from '../worker/service';
import { syntheticDataset } from '../worker/testing/synthetic';
import { runPreset, startPreset, type PresetProgress } from './presets-runner';

// The worker API called directly (no Comlink): the runner sees the real RPCs end to end.
const engine = () => createWorkerApi(async () => syntheticDataset(200, 100));

describe('presets runner', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('runs the smoke preset end to end and judges its claims on what it measured', async () => {
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
    const [seed] = outcome!.seeds;
    const sgd = seed!.runs.sgd!;
    const swa = seed!.runs.swa!;
    expect(sgd.basinWidth).toBeGreaterThan(0);
    expect(Number.isFinite(swa.basinWidth)).toBe(true);
    // The verdicts follow from these numbers, whatever they are.
    const wider = outcome!.claims[0]!;
    expect(wider.effects[0]).toBeCloseTo((swa.basinWidth! - sgd.basinWidth!) / sgd.basinWidth!, 12);
    expect(['supported', 'not supported', 'inconclusive']).toContain(wider.verdict);
    expect(outcome!.claims[1]!.effects[0]).toBeCloseTo(swa.testAcc - sgd.testAcc, 12);
    // Progress only grows and ends full.
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    // The runs join the run list and the session ends.
    expect(store.getState().runs.map((r) => r.id)).toEqual([sgd.runId, swa.runId]);
    expect(store.getState().run.status).toBe('finished');
  });

  it('measures θ(α) barriers from SGD, and only what the claims need', async () => {
    const api = engine();
    const tiny: Preset = {
      ...KADDOUR,
      train: { ...SMOKE.train },
      optimizers: ['sgd', 'swa', 'sam'],
      seeds: [3],
      probe: { ...SMOKE.probe, sharpnessSamples: 16, interpolationPoints: 5 },
      claims: KADDOUR.claims.slice(0, 2),
    };
    const outcome = await runPreset(tiny, api, () => undefined);
    const runs = outcome.seeds[0]!.runs;
    expect(runs.sgd!.barrier).toBe(0);
    expect(runs.swa!.barrier).toBeGreaterThanOrEqual(0);
    expect(runs.sam!.lambdaMax).toBeUndefined();
    expect(outcome.claims.map((c) => c.effects[0])).toEqual([runs.swa!.barrier, runs.sam!.barrier]);
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
