import { describe, expect, it } from 'vitest';
import { EXPLAINERS } from './explainer-texts';

const text = (topic: keyof typeof EXPLAINERS) =>
  [...EXPLAINERS[topic].paragraphs, ...EXPLAINERS[topic].references].join(' ');

describe('explainer texts', () => {
  it('explain the perturbation, filter normalisation and flat vs sharp beside the slices', () => {
    expect(text('slice1d')).toContain('w + t·d');
    expect(text('slice1d')).toMatch(/filter normalisation/i);
    expect(text('slice1d')).toMatch(/flat/);
    expect(text('slice1d')).toContain('Li, Xu, Taylor, Studer & Goldstein 2018');
    expect(text('landscape2d')).toContain('w + a·d₁ + b·d₂');
  });

  it('cite the papers behind θ(α) and the sharpness measures', () => {
    expect(text('interpolation')).toContain('θ(α) = (1 − α)·A + α·B');
    expect(text('interpolation')).toContain('Goodfellow');
    expect(text('interpolation')).toContain('Kaddour');
    for (const term of ['λ_max', 'trace', 'ρ-sharpness', 'Foret', 'Keskar'])
      expect(text('sharpness')).toContain(term);
    // Each number says which definition it is.
    for (const term of ['‖ε‖₂ ≤ ρ', '‖ε/|w|‖₂ ≤ ρ', 'N(0, ρ²)', 'N(0, ρ²·wᵢ²)', '(1 + L)'])
      expect(text('sharpness')).toContain(term);
    for (const author of ['Kwon', 'Andriushchenko']) expect(text('sharpness')).toContain(author);
  });

  it('give every topic text and at least one reference', () => {
    for (const { paragraphs, references } of Object.values(EXPLAINERS)) {
      expect(paragraphs.join('').length).toBeGreaterThan(100);
      expect(references.every((r) => /\d{4}/.test(r))).toBe(true);
      expect(references.length).toBeGreaterThan(0);
    }
  });
});
