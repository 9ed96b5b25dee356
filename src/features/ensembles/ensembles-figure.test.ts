import { describe, expect, it } from 'vitest';
import type { EnsembleResult } from '../../domain/api';
import { costRows, ensembleTraces, fgeRunOptions } from './ensembles-figure';

const result: EnsembleResult = {
  runId: 'run-1',
  k: [1, 2, 3],
  steps: [4, 8, 12],
  memberAcc: [0.8, 0.82, 0.81],
  fgeAcc: [0.8, 0.84, 0.86],
  fgeNll: [0.6, 0.5, 0.45],
  swaAcc: [0.8, 0.83, 0.85],
  swaNll: [0.6, 0.52, 0.47],
  fgeMs: [2, 4.5, 6.25],
  swaMs: [2, 2.5, 2.25],
  samples: 100,
  backend: 'cpu',
};

describe('the FGE vs SWA figure', () => {
  it('plots FGE, SWA and the single snapshots against k', () => {
    const traces = ensembleTraces(result) as { name: string; x: number[]; y: number[] }[];
    expect(traces.map((t) => t.name)).toEqual([
      'FGE: ensemble of k snapshots',
      'SWA: average of k snapshots',
      'Snapshot k alone',
    ]);
    expect(traces[0]!.x).toEqual([1, 2, 3]);
    expect(traces[0]!.y).toEqual(result.fgeAcc);
    expect(traces[1]!.y).toEqual(result.swaAcc);
    expect(ensembleTraces(null)).toEqual([]);
  });

  it('costs k forward passes for FGE and one for SWA, with the measured times', () => {
    const rows = costRows(result);
    expect(rows.map((r) => [r.k, r.step, r.fgePasses, r.swaPasses])).toEqual([
      [1, 4, 1, 1],
      [2, 8, 2, 1],
      [3, 12, 3, 1],
    ]);
    expect(rows[2]).toMatchObject({ fgeAcc: '86.00 %', swaAcc: '85.00 %', fgeMs: '6.3 ms' });
  });

  it('offers only runs that kept snapshots, newest first', () => {
    const runs = [
      { id: 'a', name: 'FGE', snapshots: 3 },
      { id: 'b', name: 'SGD' },
      { id: 'c', name: 'FGE #2', snapshots: 5 },
    ];
    expect(fgeRunOptions(runs)).toEqual([
      { value: 'c', label: 'FGE #2 (5 snapshots)' },
      { value: 'a', label: 'FGE (3 snapshots)' },
    ]);
  });
});
