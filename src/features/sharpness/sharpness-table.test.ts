import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARPNESS } from '../../store/analysis-slice';
import type { SharpnessReport } from '../../domain/api';
import { makeRun } from '../../store/testing/runs';
import {
  formatGap,
  formatMSharpness,
  sharpnessOverall,
  sharpnessRow,
  sharpnessTargets,
} from './sharpness-table';

const worst = {
  rho: 0.05,
  adaptive: false,
  baseLoss: 0.1,
  perturbedLoss: 0.15,
  sharpness: 0.05,
  firstOrderSharpness: 0.04,
  gradNorm: 1,
  epsNorm: 0.05,
  scaledNorm: 0.05,
  evaluations: 11,
};

const report: SharpnessReport = {
  parameters: 1000,
  baseLoss: 0.1,
  lambdaMax: { value: 123.456, iterations: 30 },
  trace: { trace: 2468.2, stdError: 123.4, samples: 100 },
  rhoSharpness: worst,
  adaptiveSharpness: { ...worst, adaptive: true, sharpness: 0.00012345 },
  averageSharpness: {
    rho: 0.05,
    direction: 'gaussian',
    samples: 20,
    baseLoss: 0.1,
    mean: 0.0042,
    std: 0.001,
    stdError: 0.000224,
    increases: [],
  },
  quadraticWorstCase: null,
  quadraticAverageCase: null,
  elapsedMs: 10,
};

describe('sharpness table', () => {
  it('shows the gap as signed percentage points', () => {
    expect(formatGap(0.95, 0.9)).toBe('+5.0 pp');
    expect(formatGap(0.9, 0.95)).toBe('−5.0 pp');
    expect(formatGap(undefined, 0.9)).toBe('—');
  });

  it('builds a row with the metrics of the measured weights', () => {
    const sgd = sharpnessRow({
      run: makeRun('r1', 'sgd'),
      which: 'final',
      settings: DEFAULT_SHARPNESS,
      report,
    });
    expect(sgd).toEqual({
      runId: 'r1',
      name: 'SGD',
      color: '#123456',
      weights: 'final',
      testAcc: '90.0%',
      gap: '+5.0 pp',
      lambdaMax: '123',
      trace: '2470 ± 120',
      rhoSharpness: '0.05',
      adaptive: '1.23e-4',
      average: '0.0042 ± 2.2e-4',
      // A report saved before the adaptive average case existed has no such field.
      adaptiveAverage: '—',
      mSharpness: '—',
    });
    // Averaged weights are judged by the average's own metrics.
    const swa = sharpnessRow({
      run: makeRun('r2', 'swa'),
      which: 'averaged',
      settings: DEFAULT_SHARPNESS,
      report: { ...report, lambdaMax: null, trace: null },
    });
    expect(swa).toMatchObject({ testAcc: '93.0%', gap: '+4.0 pp', lambdaMax: '—', trace: '—' });
  });

  it('measures the chosen run or every run trained alike', () => {
    const runs = [makeRun('r1', 'sgd'), makeRun('r2', 'sam'), makeRun('r3', 'sgd', { lr: 0.1 })];
    expect(sharpnessTargets(runs, null, false).map((r) => r.id)).toEqual(['r3']);
    expect(sharpnessTargets(runs, 'r2', false).map((r) => r.id)).toEqual(['r2']);
    expect(sharpnessTargets(runs, 'r2', true).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(sharpnessTargets([], null, true)).toEqual([]);
  });

  it('spreads the progress bar over runs and stages', () => {
    const job = {
      kind: 'sharpness' as const,
      cancelling: false,
      progress: null,
      stage: null,
      item: null,
    };
    expect(sharpnessOverall(job)).toEqual({ done: 0, total: 1000 });
    const second = {
      ...job,
      item: { index: 1, count: 2, label: 'SAM' },
      stage: { name: 'rhoSharpness' as const, index: 2, count: 5 },
      progress: { done: 5, total: 10 },
    };
    // Half of run 1, then 2.5 of its 5 stages: 0.5 + 0.5·0.5.
    expect(sharpnessOverall(second)).toEqual({ done: 750, total: 1000 });
  });

  it('shows the m-sharpness with its set size, sets and standard error', () => {
    const r = { m: 50, rho: 0.05, sets: 4, mean: 0.0123, stdError: 0.0011, firstOrderMean: 0.01 };
    expect(formatMSharpness({ ...r, perSet: [] })).toBe('0.0123 ± 0.0011 (m = 50, 4 sets)');
    expect(formatMSharpness({ ...r, sets: 1, stdError: NaN, perSet: [] })).toBe(
      '0.0123 (m = 50, 1 set)',
    );
    expect(formatMSharpness(undefined)).toBe('—');
  });
});
