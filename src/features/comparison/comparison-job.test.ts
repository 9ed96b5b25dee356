import { describe, expect, it, vi } from 'vitest';
import { createFlatlandStore } from '../../store';
import type {
  RunLandscapeJob,
  SharpnessConfig,
  SharpnessReport,
  SliceResult,
} from '../../domain/api';
import { runComparison } from './comparison-job';
import {
  COMPARISON_POWER_ITERATIONS,
  COMPARISON_SAMPLES,
  COMPARISON_TRACE_PROBES,
} from './comparison-spec';
import { createComparisonStore } from './comparison-state';
import { makeRun } from '../../store/testing/runs';

const RUNS = [
  makeRun('run-1', 'sgd'),
  makeRun('run-2', 'swa'),
  makeRun('run-3', 'sam'),
  makeRun('run-4', 'wasam'),
];

/** A slice whose values name the run, so a result stored under the wrong run shows. */
const sliceOf = (n: number): SliceResult => ({
  t: [-1, 0, 1],
  trainLoss: [n + 1, n, n + 1],
  testLoss: [n + 2, n + 1, n + 2],
  trainAcc: [0.5, 0.6, 0.5],
  testAcc: [0.5, 0.6, 0.5],
});
const reportOf = (n: number) =>
  ({
    lambdaMax: { value: 10 * n, iterations: 5 },
    trace: { trace: 100 * n, stdError: 1, samples: 100 },
  }) as SharpnessReport;
const numberOf = (runId: string) => Number(runId.slice(-1));

function cancelled(): Error {
  const e = new Error('Cancelled');
  e.name = 'CancelledError';
  return e;
}

function setup(opts: { cancelAt?: string } = {}) {
  const store = createFlatlandStore();
  store.getState().setRuns(RUNS);
  const calls: string[] = [];
  const items: (string | undefined)[] = [];
  const engine = {
    runLandscape: vi.fn(async (job: RunLandscapeJob, onProgress: (p: never) => void) => {
      calls.push(`slice:${job.ref.runId}:${String(job.ref.which)}`);
      items.push(store.getState().analysis.job?.item?.label);
      onProgress({ done: 1, total: 3, phase: 'slice' } as never);
      return { ref: job.ref, slice: sliceOf(numberOf(job.ref.runId)), grid: null };
    }),
    sharpness: vi.fn(async (config: SharpnessConfig) => {
      const key = `sharpness:${config.weights.runId}:${String(config.weights.which)}`;
      calls.push(key);
      items.push(store.getState().analysis.job?.item?.label);
      if (key.startsWith(`sharpness:${opts.cancelAt}:`)) throw cancelled();
      return reportOf(numberOf(config.weights.runId));
    }),
  };
  let clock = 1000;
  const now = () => (clock += 250);
  return { store, engine, calls, items, local: createComparisonStore(), now };
}

describe('the comparison view’s jobs', () => {
  it('slices every run’s solution first, then measures λ_max and trace of each', async () => {
    const { store, engine, calls, items, local, now } = setup();
    await runComparison({ engine, store, local, now }, RUNS);
    expect(calls).toEqual([
      'slice:run-1:final',
      'slice:run-2:averaged',
      'slice:run-3:final',
      'slice:run-4:averaged',
      'sharpness:run-1:final',
      'sharpness:run-2:averaged',
      'sharpness:run-3:final',
      'sharpness:run-4:averaged',
    ]);
    expect(items).toEqual([
      '1D slice of SGD',
      '1D slice of SWA',
      '1D slice of SAM',
      '1D slice of WASAM',
      'λ_max and trace of SGD',
      'λ_max and trace of SWA',
      'λ_max and trace of SAM',
      'λ_max and trace of WASAM',
    ]);
    expect(store.getState().analysis.job).toBeNull();
    expect(local.getState()).toMatchObject({ running: false, error: null, elapsedMs: 250 });
    // The session its runs came from, whose sharpness-during-training curves the view shows.
    expect(local.getState().session).toBe(store.getState().run.id);
  });

  it('cuts every run along the first run’s raw draw, slice only, with modest curvature settings', async () => {
    const { store, engine, local } = setup();
    store.getState().setLandscapeConfig({ labels: 'clean', seed: 7 });
    await runComparison({ engine, store, local }, RUNS);
    const jobs = engine.runLandscape.mock.calls.map((c) => c[0]);
    for (const job of jobs) {
      expect(job.grid).toBe(false);
      expect(job.config.seed).toBe(7);
      expect(job.config.labels).toBe('clean');
      expect(job.config.directions).toMatchObject({
        kind1: 'random',
        normalization: 'filter',
        shareWith: 'run-1',
      });
    }
    for (const [config] of engine.sharpness.mock.calls) {
      expect(config).toMatchObject({
        samples: COMPARISON_SAMPLES,
        powerIterations: COMPARISON_POWER_ITERATIONS,
        traceProbes: COMPARISON_TRACE_PROBES,
        stages: ['lambdaMax', 'trace'],
        labels: 'clean',
      });
    }
    expect(local.getState().spec?.labels).toBe('clean');
  });

  it('takes lower sample and iteration settings of the Sharpness panel as they are', async () => {
    const { store, engine, local } = setup();
    store.getState().setSharpnessSettings({ samples: 32, powerIterations: 8, seed: 5 });
    await runComparison({ engine, store, local }, RUNS.slice(0, 1));
    expect(engine.sharpness.mock.calls[0]![0]).toMatchObject({
      samples: 32,
      powerIterations: 8,
      seed: 5,
    });
  });

  it('maps every slice and report to its own run', async () => {
    const { store, engine, local } = setup();
    await runComparison({ engine, store, local }, RUNS);
    const results = local.getState().results;
    expect(results.map((r) => r.run.name)).toEqual(['SGD', 'SWA', 'SAM', 'WASAM']);
    for (const r of results) {
      const n = numberOf(r.run.id);
      expect(r.slice?.trainLoss[1]).toBe(n);
      expect(r.report?.lambdaMax?.value).toBe(10 * n);
      expect(r.report?.trace?.trace).toBe(100 * n);
    }
  });

  it('stops at a cancel, keeps what was measured and frees the job slot', async () => {
    const { store, engine, calls, local } = setup({ cancelAt: 'run-2' });
    await runComparison({ engine, store, local }, RUNS);
    expect(calls.filter((c) => c.startsWith('sharpness'))).toEqual([
      'sharpness:run-1:final',
      'sharpness:run-2:averaged',
    ]);
    const results = local.getState().results;
    expect(results.every((r) => r.slice !== null)).toBe(true);
    expect(results.map((r) => r.report !== null)).toEqual([true, false, false, false]);
    expect(local.getState()).toMatchObject({ running: false, error: 'Comparison cancelled.' });
    expect(store.getState().analysis.job).toBeNull();
  });

  it('reports a failure with what failed', async () => {
    const { store, engine, local } = setup();
    engine.runLandscape.mockRejectedValueOnce(new Error('out of memory'));
    await runComparison({ engine, store, local }, RUNS);
    expect(local.getState().error).toBe('Comparison failed: out of memory');
    expect(engine.sharpness).not.toHaveBeenCalled();
    expect(store.getState().analysis.job).toBeNull();
  });

  it('waits for nobody: with the job slot taken, or no run, nothing runs', async () => {
    const { store, engine, local } = setup();
    await runComparison({ engine, store, local }, []);
    store.getState().startAnalysisJob('sharpness');
    await runComparison({ engine, store, local }, RUNS);
    expect(engine.runLandscape).not.toHaveBeenCalled();
    expect(local.getState().spec).toBeNull();
    expect(store.getState().analysis.job?.kind).toBe('sharpness');
  });
});
