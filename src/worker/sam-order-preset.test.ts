import { expect, it } from 'vitest';
import { armConfig, findPreset } from '../domain/reproduce/presets';
import { optimizerPlan } from './optimizer-config';

it("'SAM: first vs second order' trains paired first-order, second-order and p = ∞ SAM", () => {
  for (const size of ['full', 'quick'] as const) {
    const preset = findPreset('sam-order', size)!;
    const plans = preset.arms.map((arm) => optimizerPlan(armConfig(preset, arm, 3), 31).optimizer);
    const base = { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 };
    expect(plans).toEqual([
      { type: 'sam', base, rho: 0.1, adaptive: false },
      { type: 'sam', base, rho: 0.1, adaptive: false, secondOrder: true },
      { type: 'sam', base, rho: 0.1 / Math.sqrt(50_890), adaptive: false, p: 'inf' },
    ]);
    // Paired: the same seed for every arm.
    expect(new Set(preset.arms.map((arm) => armConfig(preset, arm, 3).seed))).toEqual(new Set([3]));
    expect(preset.seeds.length).toBeGreaterThanOrEqual(size === 'full' ? 5 : 2);
  }
});
