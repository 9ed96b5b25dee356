import { describe, expect, test } from 'vitest';
import type { LayerSpec } from '../domain/model';
import { DEFAULT_SETTINGS } from '../schema';
import { parseTrainConfig } from './train-config-schema';

const residual: LayerSpec[] = [
  { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: false },
  { type: 'batchnorm', eps: 1e-5, momentum: 0.1 },
  { type: 'relu' },
  { type: 'residual', filters: 4, kernel: 3, skip: 'identity', eps: 1e-5, momentum: 0.1 },
  { type: 'avgpool', size: 4 },
];

describe("run files carry the model builder's layers", () => {
  test("a run file's config: old ones (built-in models) load; a custom model's layers are checked", () => {
    const base = {
      ...DEFAULT_SETTINGS.train,
      flat: {},
    };
    expect(parseTrainConfig({ ...base, model: 'bn-cnn' }).model).toBe('bn-cnn');
    expect(parseTrainConfig({ ...base, model: 'custom', layers: residual }).layers).toEqual(
      residual,
    );
    const bad = [
      { type: 'flatten' },
      { type: 'conv2d', filters: 2, kernel: 3, padding: 'same', bias: true },
    ];
    expect(() => parseTrainConfig({ ...base, model: 'custom', layers: bad })).toThrow(
      /layer1 \(conv2d\) needs an \[H, W, C\] input/,
    );
  });
});
