import { describe, expect, it } from 'vitest';
import type { SharpnessEntry } from '../../store/analysis-slice';
import type { RunInfo, SharpnessReport } from '../../domain/api';
import { chosenRuns } from './state';
import { solutionRef as solutionOf } from '../../domain/solution';
import { sharedLandscape, sideBySideRows } from './side-by-side';

function run(id: string, averaged: boolean): RunInfo {
  const metrics = { trainLoss: 0.1, trainAcc: 0.98, testLoss: 0.35, testAcc: 0.9 };
  return {
    id,
    name: id.toUpperCase(),
    color: '#123456',
    config: {} as RunInfo['config'],
    summary: {
      status: 'finished',
      steps: 10,
      epochs: 2,
      elapsedMs: 1,
      stepsPerSecond: 1,
      final: metrics,
      ...(averaged ? { averaged: { ...metrics, nAveraged: 2, testAcc: 0.93 } } : {}),
    },
    hasAverage: averaged,
    checkpoints: 3,
  };
}

describe('side-by-side rows and request', () => {
  it('cuts every run along random directions normalised to the first run', () => {
    const base = {
      slicePoints: 5,
      sliceRange: 1,
      gridSize: 3,
      gridRange: 1,
      evalSamples: 64,
      seed: 3,
      directions: { kind1: 'pca' as const, kind2: 'pca' as const, normalization: 'layer' as const },
    };
    const c = sharedLandscape(base, 'run-7');
    expect(c.directions).toEqual({
      kind1: 'random',
      kind2: 'random',
      normalization: 'layer',
      shareWith: 'run-7',
    });
    expect(c.seed).toBe(3);
  });

  it('shows the solution’s accuracies, both gaps and the measured sharpness or a dash', () => {
    const sgd = run('sgd', false);
    const swa = run('swa', true);
    const report = {
      lambdaMax: { value: 12.5, iterations: 9 },
      rhoSharpness: { sharpness: 0.0042 },
    } as unknown as SharpnessReport;
    const entries = [{ run: swa, which: 'averaged', report } as unknown as SharpnessEntry];
    const [a, b] = sideBySideRows([sgd, swa], entries);
    expect(a).toMatchObject({ trainAcc: '98.0%', testAcc: '90.0%', accGap: '+8.0 pp' });
    expect(a!.lossGap).toBe('+0.2500');
    expect(a).toMatchObject({ lambdaMax: '—', rhoSharpness: '—', needsSharpness: true });
    // SWA is judged by its average: 93% test accuracy.
    expect(b).toMatchObject({ testAcc: '93.0%', accGap: '+5.0 pp', lambdaMax: '12.5' });
    expect(b).toMatchObject({ rhoSharpness: '0.0042', needsSharpness: false });
    expect(solutionOf(swa)).toEqual({ runId: 'swa', which: 'averaged' });
  });

  it('shows the newest four runs until the user ticks some', () => {
    const runs = ['a', 'b', 'c', 'd', 'e'].map((id) => run(id, false));
    expect(chosenRuns(runs, null).map((r) => r.id)).toEqual(['b', 'c', 'd', 'e']);
    expect(chosenRuns(runs, ['e', 'a', 'gone']).map((r) => r.id)).toEqual(['a', 'e']);
  });
});
