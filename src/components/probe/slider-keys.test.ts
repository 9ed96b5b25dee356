import { describe, expect, it } from 'vitest';
import { nextSliderValue } from './slider-keys';

describe('perturbation slider keys', () => {
  const steps = { min: -50, max: 50, step: 1 };
  it('resets to 0 on Home, not to the minimum', () => {
    expect(nextSliderValue('Home', 17, steps)).toBe(0);
    expect(nextSliderValue('Home', 0.2, { min: 0.1, max: 1, step: 0.1 })).toBe(0.1);
  });

  it('moves ten steps on Page Up/Down and stops at the ends', () => {
    expect(nextSliderValue('PageUp', 3, steps)).toBe(13);
    expect(nextSliderValue('PageDown', 3, steps)).toBe(-7);
    expect(nextSliderValue('PageUp', 45, steps)).toBe(50);
    expect(nextSliderValue('PageDown', -45, steps)).toBe(-50);
  });

  it('stays on the step grid of a real-valued slider', () => {
    const r = { min: -1, max: 1, step: 0.04 };
    const v = nextSliderValue('PageUp', -1 + 0.04 * 7, r);
    expect(v).toBeCloseTo(-1 + 0.04 * 17, 12);
    expect(nextSliderValue('PageUp', 0.9, r)).toBe(1);
  });
});
