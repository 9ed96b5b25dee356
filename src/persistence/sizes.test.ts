import { describe, expect, it } from 'vitest';
import { weightSizes } from './sizes';

describe('weightSizes', () => {
  it('sizes a run by its dataset: 784 inputs and 10 classes, or 2 inputs and the toy classes', () => {
    expect(weightSizes({ model: 'mlp', dataset: 'mnist' })).toEqual({ params: 50_890, state: 0 });
    // 2·64 + 64 + 64·2 + 2
    expect(weightSizes({ model: 'mlp', dataset: 'spirals' })).toEqual({ params: 322, state: 0 });
    // The blobs' class count is a setting: 64·4 + 4 in the last layer.
    expect(weightSizes({ model: 'mlp', dataset: 'blobs', toy: { classes: 4 } })).toEqual({
      params: 2 * 64 + 64 + 64 * 4 + 4,
      state: 0,
    });
  });
});
