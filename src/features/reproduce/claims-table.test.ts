import { describe, expect, it } from 'vitest';
import { claimRow, claimSummary, verdictNote } from './claims-table';
import { SAM_VS_SGD } from '../../domain/reproduce/presets';
import { judge, type SeedMeasures } from '../../domain/reproduce/verdict';

const seeds = (sam: number[]): SeedMeasures[] =>
  sam.map((s, i) => ({
    seed: i + 1,
    runs: {
      sam: { runId: `a${i}`, testAcc: 0.9, lambdaMax: s },
      sgd: { runId: `b${i}`, testAcc: 0.8, lambdaMax: 10 },
    },
  }));

describe('claims table', () => {
  it('shows the effect, its interval, the sign-test p and n', () => {
    const row = claimRow(judge(SAM_VS_SGD.claims[0]!, seeds([4, 4.5, 3.8, 4.2, 4.1])));
    expect(row).toEqual({
      observation: 'SAM has a lower λ_max than SGD',
      measured: 'SAM 4.12 ± 0.259 vs SGD 10 ± 0 (5 seeds)',
      effect: '−58.8% ((SAM − SGD) / SGD)',
      interval: '[−62% … −55.6%]',
      p: '0.063',
      n: '5',
      verdict: 'supported',
    });
  });

  it('summarises a claim as plain numbers for the results file', () => {
    const s = claimSummary(judge(SAM_VS_SGD.claims[0]!, seeds([4, 4.5, 3.8, 4.2, 4.1])));
    expect(s.effectIs).toBe('(SAM − SGD) / SGD');
    expect(s.effect).toBeCloseTo(-0.588, 12);
    expect(s.ci95[0]).toBeCloseTo(-0.62014, 5);
    expect(s.ci95[1]).toBeCloseTo(-0.55586, 5);
    expect([s.signTestP, s.n, s.verdict, s.effects.length]).toEqual([0.0625, 5, 'supported', 5]);
    // NaN bounds of a one-seed interval become null in JSON: no number is made up.
    const one = claimSummary(judge(SAM_VS_SGD.claims[0]!, seeds([4])));
    expect(JSON.parse(JSON.stringify(one)).ci95).toEqual([null, null]);
  });

  it('has no interval for one seed', () => {
    const row = claimRow(judge(SAM_VS_SGD.claims[1]!, seeds([4])));
    expect(row.interval).toBe('—');
    expect(row.effect).toBe('−10 pp (SAM − SGD)');
    expect(row.verdict).toBe('inconclusive');
  });

  it('says when the sign test alone cannot reach 0.05', () => {
    expect(verdictNote(5)).toContain(
      'cannot reach p < 0.05 even when every seed agrees (its smallest p is 0.0625)',
    );
    expect(verdictNote(6)).toContain('smallest p is 0.031');
  });
});
