import { describe, expect, it } from 'vitest';
import { claimRow, verdictNote } from './claims-table';
import { SAM_VS_SGD } from './presets';
import { judge, type SeedMeasures } from './verdict';

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
