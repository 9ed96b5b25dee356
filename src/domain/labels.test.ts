import { describe, expect, it } from 'vitest';
import { labelsNote, runLabelsNotes } from './labels';

describe('labelsNote', () => {
  it('names clean labels always and trained labels when the run had label noise', () => {
    expect(labelsNote(undefined, 0)).toBeNull();
    expect(labelsNote('trained', 0)).toBeNull();
    expect(labelsNote('trained', 0.2)).toBe(
      'Train loss on the labels the run trained on (20% label noise included).',
    );
    expect(labelsNote('clean', 0)).toBe('Train loss on clean labels.');
    expect(labelsNote('clean', 0.5)).toMatch(
      /clean labels, not on the noisy ones .*50% label noise/,
    );
  });

  it('lists each run whose labels need saying once', () => {
    const runs = [
      { name: 'SGD', labels: 'trained' as const, labelNoise: 0 },
      { name: 'SAM', labels: 'clean' as const, labelNoise: 0 },
      { name: 'SAM', labels: 'clean' as const, labelNoise: 0 },
    ];
    expect(runLabelsNotes(runs)).toEqual(['SAM: Train loss on clean labels.']);
    expect(runLabelsNotes([runs[0]!])).toEqual([]);
  });
});
