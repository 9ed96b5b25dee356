import { describe, expect, it } from 'vitest';
import { createFlatlandStore } from '../../store';
import type { SharpnessConfig, SharpnessReport } from '../../domain/api';
import { makeRun } from '../../store/testing/runs';
import { ALL_MEASURES, MEASURES, sharpnessRequest, toggleMeasure } from './measures';
import { runSharpness } from './sharpness-job';

const settings = { samples: 16, seed: 3, rho: 0.05, adaptiveRho: 0.5, powerIterations: 5 };
const weights = { runId: 'r1', which: 'final' } as const;

describe('sharpness measure selection', () => {
  it('lists every stage once, with unique labels', () => {
    expect(new Set(ALL_MEASURES).size).toBe(7);
    expect(new Set(MEASURES.map((m) => m.label)).size).toBe(MEASURES.length);
  });

  it('keeps the worker order whatever the order of the clicks', () => {
    let stages = toggleMeasure([], 'averageSharpness', true);
    stages = toggleMeasure(stages, 'lambdaMax', true);
    expect(stages).toEqual(['lambdaMax', 'averageSharpness']);
    expect(toggleMeasure(stages, 'lambdaMax', false)).toEqual(['averageSharpness']);
    expect(toggleMeasure(ALL_MEASURES, 'trace', false)).not.toContain('trace');
  });

  it('asks for the chosen stages only, and for the default when all are chosen', () => {
    expect(sharpnessRequest(weights, settings, ['lambdaMax'])).toEqual({
      weights,
      ...settings,
      stages: ['lambdaMax'],
    });
    const all = sharpnessRequest(weights, settings, [...ALL_MEASURES].reverse());
    expect('stages' in all).toBe(false);
    expect('stages' in sharpnessRequest(weights, settings)).toBe(false);
  });

  it('sends the chosen stages to the worker for each run, and nothing when none is chosen', async () => {
    const store = createFlatlandStore();
    store.getState().beginRun(3);
    store.getState().setRuns([makeRun('r1', 'sgd'), makeRun('r2', 'wasam')]);
    store.getState().setRunStatus('finished', 'Training finished');
    store.getState().setSharpnessTarget({ runId: 'r1', sameSettings: true });
    const asked: SharpnessConfig[] = [];
    const report = { parameters: 1, baseLoss: 0.1, lambdaMax: { value: 2, iterations: 3 } };
    const engine = {
      sharpness: async (config: SharpnessConfig) => {
        asked.push(config);
        return report as SharpnessReport;
      },
    };
    await runSharpness({ engine, store, stages: [] });
    expect(asked).toEqual([]);
    expect(store.getState().analysis.job).toBeNull();

    await runSharpness({ engine, store, stages: ['lambdaMax'] });
    expect(asked.map((c) => [c.weights.which, c.stages])).toEqual([
      ['final', ['lambdaMax']],
      ['averaged', ['lambdaMax']],
    ]);
    expect(store.getState().analysis.sharpness.entries).toHaveLength(2);
  });
});
