import { describe, expect, it } from 'vitest';
import type { SharpnessReport } from '../domain/api';
import { DEFAULT_INTERPOLATION, DEFAULT_SHARPNESS } from './analysis-slice';
import { createFlatlandStore } from './index';
import { makeRun } from './testing/runs';

const report: SharpnessReport = {
  parameters: 10,
  baseLoss: 0.1,
  lambdaMax: { value: 5, iterations: 20 },
  trace: null,
  rhoSharpness: null,
  adaptiveSharpness: null,
  averageSharpness: null,
  quadraticWorstCase: null,
  quadraticAverageCase: null,
  elapsedMs: 1,
};

describe('analysis slice', () => {
  it('starts from the documented defaults', () => {
    const { analysis } = createFlatlandStore().getState();
    expect(analysis.job).toBeNull();
    expect(analysis.interpolation.draft).toEqual(DEFAULT_INTERPOLATION);
    expect(DEFAULT_INTERPOLATION).toMatchObject({ from: -0.5, to: 1.5, points: 41 });
    expect(analysis.sharpness.settings).toEqual(DEFAULT_SHARPNESS);
    expect(analysis.basin).toEqual({ kind: 'relative', value: 0.1 });
  });

  it('holds one job at a time and tracks its progress', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    expect(s().startAnalysisJob('sharpness')).toBe(true);
    expect(s().startAnalysisJob('interpolation')).toBe(false);
    s().reportAnalysisJob({ progress: { done: 1, total: 5 } });
    s().reportAnalysisJob({ stage: { name: 'trace', index: 1, count: 5 } });
    s().markAnalysisCancelling();
    expect(s().analysis.job).toMatchObject({
      kind: 'sharpness',
      progress: { done: 1, total: 5 },
      stage: { name: 'trace' },
      cancelling: true,
    });
    s().finishAnalysisJob();
    expect(s().analysis.job).toBeNull();
    // Reports after the end are ignored rather than resurrecting a job.
    s().reportAnalysisJob({ progress: { done: 2, total: 5 } });
    expect(s().analysis.job).toBeNull();
    expect(s().startAnalysisJob('interpolation')).toBe(true);
  });

  it('patches the interpolation draft and clears the error on success', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    s().setInterpolationDraft({ a: { runId: 'r1', which: 'initial' }, points: 11 });
    expect(s().analysis.interpolation.draft).toMatchObject({ points: 11, from: -0.5 });
    s().setInterpolationError('failed');
    const result = { alpha: [0], trainLoss: [1], testLoss: [1], trainAcc: [0], testAcc: [0] };
    const config = { ...DEFAULT_INTERPOLATION, a: { runId: 'r1', which: 'initial' as const } };
    s().setInterpolationOutcome({
      config: { ...config, b: config.a, evalSamples: 10, seed: 1 },
      labelA: 'A',
      labelB: 'B',
      result,
    });
    expect(s().analysis.interpolation.error).toBeNull();
    expect(s().analysis.interpolation.outcome?.result).toEqual(result);
  });

  it('keeps one sharpness row per run, the newest', () => {
    const store = createFlatlandStore();
    const s = () => store.getState();
    const entry = { which: 'final' as const, settings: DEFAULT_SHARPNESS, report };
    s().addSharpnessEntry({ ...entry, run: makeRun('r1', 'sgd') });
    s().addSharpnessEntry({ ...entry, run: makeRun('r2', 'sam') });
    const newer = { ...report, lambdaMax: { value: 7, iterations: 3 } };
    s().addSharpnessEntry({ ...entry, run: makeRun('r1', 'sgd'), report: newer });
    expect(s().analysis.sharpness.entries.map((e) => e.run.id)).toEqual(['r1', 'r2']);
    expect(s().analysis.sharpness.entries[0]?.report.lambdaMax?.value).toBe(7);
    s().setSharpnessSettings({ rho: 0.1 });
    s().setSharpnessTarget({ runId: 'r2', sameSettings: true });
    expect(s().analysis.sharpness).toMatchObject({ runId: 'r2', sameSettings: true });
    expect(s().analysis.sharpness.settings).toEqual({ ...DEFAULT_SHARPNESS, rho: 0.1 });
    s().clearSharpnessEntries();
    expect(s().analysis.sharpness.entries).toEqual([]);
  });

  it('keeps only serialisable data', () => {
    const store = createFlatlandStore();
    store.getState().startAnalysisJob('landscape');
    store.getState().setBasin({ kind: 'absolute', value: 0.5 });
    const { analysis } = store.getState();
    expect(structuredClone(analysis)).toEqual(analysis);
  });
});
