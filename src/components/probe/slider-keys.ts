/** Keys the perturbation sliders handle themselves instead of leaving them to the browser. */
export type SliderKey = 'Home' | 'PageUp' | 'PageDown';

export interface SliderRange {
  min: number;
  max: number;
  step: number;
}

/** Page Up/Down move this many steps. */
export const PAGE_STEPS = 10;

/**
 * The slider value after a key: Home is 0 (the trained weights, clamped into the range);
 * Page Up/Down move PAGE_STEPS steps, snapped to the step grid from `min` and clamped.
 */
export function nextSliderValue(key: SliderKey, value: number, r: SliderRange): number {
  const clamp = (v: number) => Math.min(r.max, Math.max(r.min, v));
  if (key === 'Home') return clamp(0);
  const steps =
    Math.round((value - r.min) / r.step) + (key === 'PageUp' ? PAGE_STEPS : -PAGE_STEPS);
  return clamp(r.min + steps * r.step);
}
