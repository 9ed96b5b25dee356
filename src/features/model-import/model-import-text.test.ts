import { describe, expect, it } from 'vitest';
import { samplesNote } from './model-import-text';

describe('the samples an imported model is measured on', () => {
  it('names the seeded training subset of the chosen dataset and the metric samples', () => {
    expect(samplesNote({ subset: 2000, seed: 7, evalSamples: 1000 }, 'fashion-mnist')).toMatch(
      /^Measured on 2,000 Fashion-MNIST training images chosen with seed 7 .*metrics on 1,000 fixed train and test images\.$/,
    );
  });

  it('says the whole training set for subset 0, and points for toy data', () => {
    expect(samplesNote({ subset: 0, seed: 1, evalSamples: 200 }, 'mnist')).toMatch(
      /^Measured on the whole MNIST training set /,
    );
    expect(samplesNote({ subset: 500, seed: 1, evalSamples: 200 }, 'spirals')).toMatch(
      /500 Two spirals training points .*200 fixed train and test points/,
    );
  });
});
