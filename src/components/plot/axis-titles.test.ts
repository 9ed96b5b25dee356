import { describe, expect, it } from 'vitest';
import { gridAxisTitles, sliceAxisTitle } from './axis-titles';

describe('axis titles', () => {
  it('titles the axes from the worker labels, with PCA variance', () => {
    expect(gridAxisTitles(undefined)).toEqual(['Direction 1 (a)', 'Direction 2 (b)']);
    expect(
      gridAxisTitles({ label1: 'PC1', label2: 'PC2', cosine: 0, explained: [0.8, 0.15] }),
    ).toEqual(['PC1 (80.0% of variance)', 'PC2 (15.0% of variance)']);
    const labelled = { label1: 'PC1 (80.0% of variance)', label2: 'x', cosine: 0 };
    expect(gridAxisTitles({ ...labelled, explained: [0.8, 0.1] })[0]).toBe(labelled.label1);
    expect(sliceAxisTitle('pca')).toContain('PC1');
    expect(sliceAxisTitle('random')).toContain('random');
  });
});
