import { describe, expect, it } from 'vitest';
import { sameRuns } from './presets';

describe('sameRuns', () => {
  it('pairs presets that differ only in their claims', () => {
    expect(sameRuns('all-four', 'kaddour')).toBe(true);
  });

  it('keeps apart presets that train or probe differently', () => {
    // SWA vs SGD trains two optimizers, SAM vs SGD at another lr without basin slices.
    expect(sameRuns('swa-vs-sgd', 'kaddour')).toBe(false);
    expect(sameRuns('sam-vs-sgd', 'swa-vs-sgd')).toBe(false);
  });
});
