import { describe, expect, it } from 'vitest';
import { resolveFlat } from '../api-defaults';
import { describeSetup, findPreset, PRESETS, QUICK, quick, type Preset } from './presets';

/** Training steps of a preset, the bulk of its cost. */
const steps = (p: Preset) =>
  p.seeds.length * p.arms.length * p.train.epochs * Math.floor(p.train.subset / p.train.batchSize);

const SMOKE = QUICK[0]!;

describe('Reproduce presets', () => {
  it('judges on five paired seeds and the whole test set, and has a tiny variant of each', () => {
    for (const p of PRESETS) {
      expect(p.seeds.length).toBeGreaterThanOrEqual(5);
      expect(p.probe.testSamples).toBe(10_000);
      const q = quick(p);
      expect(q.claims).toEqual(p.claims);
      expect(q.arms).toEqual(p.arms);
      // Only a cycle in steps (FGE's) shrinks, to the quick run's epoch.
      expect(q.train.flat && { ...q.train.flat, cycle: p.train.flat?.cycle }).toEqual(p.train.flat);
      expect(q.seeds.length).toBeGreaterThanOrEqual(2);
      expect(steps(q) * 100).toBeLessThan(steps(p));
      expect(findPreset(p.id, 'quick')).toEqual(q);
      expect(findPreset(p.id, 'full')).toBe(p);
    }
  });

  it('trains in the regimes the papers predict an effect in', () => {
    // The flat-minima presets; the skip-connections preset's regime: skip-preset.test.ts.
    for (const p of PRESETS.filter((p) => p.id !== 'skip-connections')) {
      const t = p.train;
      // Over-parameterised: the 784-64-10 MLP has 50,890 weights for 1,000 images.
      expect(t.model).toBe('mlp');
      expect(t.subset).toBe(1000);
      // Plain SGD long enough to reach near-zero loss (1,240 steps), so 2/η is the threshold.
      expect(t.momentum).toBe(0);
      expect(steps(p) / p.seeds.length / p.arms.length).toBe(1240);
      expect(p.regime).toMatch(/20(1[0-9]|2[0-9])/);
      if (p.arms.some((a) => a.optimizer === 'sam')) {
        const rho = resolveFlat('sam', t.lr, t.flat).rho;
        expect(rho).toBeGreaterThanOrEqual(0.05);
        expect(rho).toBeLessThanOrEqual(0.2);
      }
      // A long constant-LR phase for the averaging optimizers (their snapshots: worker tests),
      // but on FGE's cycle in SGD vs FGE vs SWA (src/worker/fge.test.ts).
      if (p.id === 'fge-vs-swa') continue;
      for (const o of ['swa', 'wasam'] as const)
        if (p.arms.some((a) => a.optimizer === o))
          expect(resolveFlat(o, t.lr, t.flat).schedule).toBe('constant');
    }
    expect(SMOKE.label).toBe('SWA vs SGD (quick test)');
  });

  it('states the whole setup', () => {
    const setup = describeSetup(PRESETS[1]!);
    expect(setup.map((d) => d.term)).toEqual([
      'Data',
      'Label noise',
      'Model',
      'Budget',
      'Optimizers',
      'Seeds',
      'Test error on',
    ]);
    expect(setup[4]!.value).toBe('SGD, SAM; ρ 0.1');
    expect(setup[6]!.value).toBe('10,000 test images');
    expect(describeSetup(PRESETS[0]!)[4]!.value).toBe(
      'SGD, SWA; averaging from epoch 11; constant lr',
    );
  });
});
