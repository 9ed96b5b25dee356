import { describe, expect, it, vi } from 'vitest';
import { createFlatlandStore } from '../../store';
import type {
  GridResult,
  RunLandscapeJob,
  SharpnessConfig,
  SharpnessReport,
  SliceResult,
} from '../../domain/api';
import { computeSideBySide, computeSideSharpness } from './side-by-side-job';
import { createSideBySideStore } from './state';
import { makeRun } from '../../store/testing/runs';

const slice: SliceResult = { t: [0], trainLoss: [1], testLoss: [1], trainAcc: [1], testAcc: [1] };
const grid = { a: [0], b: [0], trainLoss: [[1]], testLoss: [[1]] } as GridResult;

function setup() {
  const store = createFlatlandStore();
  const runs = [makeRun('run-1', 'sgd'), makeRun('run-2', 'swa'), makeRun('run-3', 'sam')];
  store.getState().setRuns(runs);
  const jobs: RunLandscapeJob[] = [];
  const sharp: SharpnessConfig[] = [];
  const engine = {
    runLandscape: vi.fn(async (job: RunLandscapeJob) => {
      jobs.push(job);
      return { ref: job.ref, slice, grid };
    }),
    sharpness: vi.fn(async (config: SharpnessConfig) => {
      sharp.push(config);
      return { lambdaMax: { value: 3, iterations: 5 } } as SharpnessReport;
    }),
  };
  return { store, runs, engine, jobs, sharp, local: createSideBySideStore() };
}

describe('side-by-side jobs', () => {
  it('cuts every run’s solution along directions shared with the first run', async () => {
    const { store, runs, engine, jobs, local } = setup();
    await computeSideBySide({ engine, store, local }, runs.slice(0, 2));
    expect(jobs.map((j) => j.ref)).toEqual([
      { runId: 'run-1', which: 'final' },
      { runId: 'run-2', which: 'averaged' },
    ]);
    expect(jobs.every((j) => j.config.directions?.shareWith === 'run-1' && j.grid)).toBe(true);
    expect(local.getState().results.map((r) => r.run.id)).toEqual(['run-1', 'run-2']);
    expect(local.getState().running).toBe(false);
    // The job slot is free again.
    expect(store.getState().analysis.job).toBeNull();
  });

  it('refuses one run, and waits while another analysis job runs', async () => {
    const { store, runs, engine, local } = setup();
    await computeSideBySide({ engine, store, local }, runs.slice(0, 1));
    store.getState().startAnalysisJob('interpolation');
    await computeSideBySide({ engine, store, local }, runs);
    expect(engine.runLandscape).not.toHaveBeenCalled();
  });

  it('measures λ_max and ρ-sharpness of each solution into the sharpness entries', async () => {
    const { store, runs, engine, sharp, local } = setup();
    await computeSideSharpness({ engine, store, local }, runs.slice(1));
    expect(sharp.map((c) => c.weights)).toEqual([
      { runId: 'run-2', which: 'averaged' },
      { runId: 'run-3', which: 'final' },
    ]);
    expect(sharp[0]!.stages).toEqual(['lambdaMax', 'rhoSharpness']);
    const entries = store.getState().analysis.sharpness.entries;
    expect(entries.map((e) => [e.run.id, e.which])).toEqual([
      ['run-2', 'averaged'],
      ['run-3', 'final'],
    ]);
  });
});
