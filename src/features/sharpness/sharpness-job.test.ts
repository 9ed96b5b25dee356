import { describe, expect, it } from 'vitest';
import { cancelled, trainedStore } from '../../app/testing/analysis';
import type { SharpnessReport } from '../../domain/api';
import { makeRun } from '../../store/testing/runs';
import { runSharpness } from './sharpness-job';

const report = { parameters: 1, baseLoss: 0.1, lambdaMax: { value: 3, iterations: 5 } };

describe('sharpness job', () => {
  it('measures each run trained alike with the same settings, with stage progress', async () => {
    const store = trainedStore([
      makeRun('r1', 'sgd'),
      makeRun('r2', 'swa'),
      makeRun('r3', 'sam', { lr: 1 }),
    ]);
    store.getState().setSharpnessTarget({ runId: 'r2', sameSettings: true });
    const asked: unknown[] = [];
    const stages: string[] = [];
    const engine = {
      sharpness: async (config: unknown, p: (x: never) => void) => {
        asked.push(config);
        p({ stage: 'trace', stageIndex: 1, stageCount: 5, done: 1, total: 1 } as never);
        const job = store.getState().analysis.job;
        stages.push(`${job?.item?.label}:${job?.stage?.name}`);
        return report as SharpnessReport;
      },
    };
    await runSharpness({ engine, store });
    // The panel's default settings (the schema's), the same for every run measured.
    const settings = {
      samples: 200,
      seed: 1,
      rho: 0.05,
      adaptiveRho: 2,
      m: 50,
      powerIterations: 100,
      labels: 'trained',
    };
    expect(asked).toEqual([
      { weights: { runId: 'r1', which: 'final' }, ...settings },
      { weights: { runId: 'r2', which: 'averaged' }, ...settings },
    ]);
    expect(stages).toEqual(['SGD:trace', 'SWA:trace']);
    expect(store.getState().analysis.sharpness.entries.map((e) => e.which)).toEqual([
      'final',
      'averaged',
    ]);
    expect(store.getState().analysis.job).toBeNull();
  });

  it('keeps the rows measured before a cancel', async () => {
    const store = trainedStore();
    store.getState().setSharpnessTarget({ runId: 'r1', sameSettings: true });
    let n = 0;
    const engine = {
      sharpness: async () => {
        if (n++ > 0) throw cancelled();
        return report as SharpnessReport;
      },
    };
    await runSharpness({ engine, store });
    expect(store.getState().analysis.sharpness.entries).toHaveLength(1);
    expect(store.getState().analysis.sharpness.error).toBe('Sharpness cancelled.');
  });
});
