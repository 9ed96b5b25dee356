import { describe, expect, it } from 'vitest';
import { measureColumns, measureRows } from './measures-table';
import { KADDOUR, SAM_VS_SGD } from '../../domain/reproduce/presets';

describe('per-optimizer measures', () => {
  it('shows train loss, test error and what the claims need, mean ± sd over seeds', () => {
    expect(measureColumns(SAM_VS_SGD)).toEqual(['trainLoss', 'testError', 'lambdaMax']);
    expect(measureColumns(KADDOUR)).toEqual([
      'trainLoss',
      'testError',
      'basinWidth',
      'lambdaMax',
      'barrier',
    ]);
    const rows = measureRows(SAM_VS_SGD, [
      { seed: 1, runs: { sgd: { runId: 'a', testAcc: 0.8, trainLoss: 0.01, lambdaMax: 10 } } },
      {
        seed: 2,
        runs: {
          sgd: { runId: 'b', testAcc: 0.9, trainLoss: 0.03, lambdaMax: 14 },
          sam: { runId: 'c', testAcc: 0.85 },
        },
      },
    ]);
    expect(rows[0]).toEqual({
      arm: 'sgd',
      label: 'SGD',
      cells: ['0.02 ± 0.0141', '0.15 ± 0.0707', '12 ± 2.83'],
    });
    // Only one seed measured SAM, and nobody measured its train loss or λ_max.
    expect(rows[1]).toEqual({ arm: 'sam', label: 'SAM', cells: ['—', '0.15', '—'] });
  });
});
