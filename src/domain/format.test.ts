import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  formatCosine,
  formatDuration,
  formatLoss,
  formatMeasure,
  formatPercent,
  formatProgress,
  formatRate,
  formatT,
  formatWithError,
} from './format';

describe('formatDuration (ETA)', () => {
  it('handles unknown values', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(NaN)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
    expect(formatDuration(Infinity)).toBe('—');
  });

  it('formats seconds, minutes and hours', () => {
    expect(formatDuration(0)).toBe('< 1 s');
    expect(formatDuration(400)).toBe('< 1 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(59_400)).toBe('59 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
});

describe('number formatting', () => {
  it('formats loss, accuracy, rate and t', () => {
    expect(formatLoss(0.23454)).toBe('0.2345');
    expect(formatLoss(12345)).toBe('1.235e+4');
    expect(formatLoss(NaN)).toBe('NaN');
    expect(formatLoss(Infinity)).toBe('∞');
    expect(formatPercent(0.9123)).toBe('91.2%');
    expect(formatRate(12.345)).toBe('12.3 steps/s');
    expect(formatRate(null)).toBe('—');
    expect(formatT(0.25)).toBe('+0.250');
    expect(formatT(-0.25)).toBe('-0.250');
    expect(formatT(1e-12)).toBe('0.000');
    expect(formatProgress({ done: 2, total: 5 })).toBe('40%');
    expect(formatProgress({ done: 0, total: 0 })).toBe('');
  });

  it('extracts error messages', () => {
    expect(errorMessage(new Error('bad'))).toBe('bad');
    expect(errorMessage('text')).toBe('text');
    expect(errorMessage(42)).toBe('Unknown error');
  });

  it('formats measures to three significant digits', () => {
    expect(formatMeasure(123.456)).toBe('123');
    expect(formatMeasure(0.012345)).toBe('0.0123');
    expect(formatMeasure(12345)).toBe('1.23e+4');
    expect(formatMeasure(0.00012345)).toBe('1.23e-4');
    expect(formatMeasure(123456)).toBe('1.23e+5');
    expect(formatMeasure(0)).toBe('0');
    expect(formatMeasure(null)).toBe('—');
    expect(formatMeasure(NaN)).toBe('—');
    expect(formatWithError(2468.2, 123.4)).toBe('2470 ± 120');
    expect(formatWithError(1, NaN)).toBe('1');
  });

  it('formats the cosine', () => {
    expect(formatCosine(0)).toBe('0.0000');
    expect(formatCosine(0.01234)).toBe('0.0123');
    expect(formatCosine(-2.5e-5)).toBe('-2.5e-5');
    expect(formatCosine(NaN)).toBe('—');
  });
});
