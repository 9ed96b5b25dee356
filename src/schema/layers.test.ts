import { describe, expect, test } from 'vitest';
import { presetLayers } from '../domain/model-zoo';
import type { LayerSpec } from '../domain/model';
import { migrate } from './migrate';
import { parseSettings } from './parse';
import { DEFAULT_SETTINGS, SCHEMA_VERSION } from './settings';

const residual: LayerSpec[] = [
  { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: false },
  { type: 'batchnorm', eps: 1e-5, momentum: 0.1 },
  { type: 'relu' },
  { type: 'residual', filters: 4, kernel: 3, skip: 'identity', eps: 1e-5, momentum: 0.1 },
  { type: 'avgpool', size: 4 },
];

describe('settings version 3: the model builder', () => {
  test('version 3 is current; a version-2 object migrates unchanged but for its version', () => {
    expect(SCHEMA_VERSION).toBe(3);
    const v2 = { version: 2, train: { model: 'lenet5', lr: 0.1 } };
    const m = migrate(v2);
    expect(m).toEqual({ ok: true, value: { ...v2, version: 3 }, from: 2, dropped: [] });
    const parsed = parseSettings(v2);
    expect(parsed.ok && parsed.value.train.model).toBe('lenet5');
    expect(parsed.ok && parsed.value.train.layers).toBeUndefined();
    expect(parsed.ok && parsed.warnings).toEqual(['upgraded from settings version 2 to 3']);
  });

  test('a custom model with layers that fit is accepted; the default has none', () => {
    expect(DEFAULT_SETTINGS.train.layers).toBeUndefined();
    const parsed = parseSettings({ version: 3, train: { model: 'custom', layers: residual } });
    expect(parsed.ok && parsed.value.train.layers).toEqual(residual);
  });

  test.each<[string, unknown, RegExp]>([
    ['custom without layers', undefined, /needs its layers/],
    [
      'an identity skip across channels',
      [{ type: 'residual', filters: 4, kernel: 3, skip: 'identity', eps: 1e-5, momentum: 0.1 }],
      /identity skip needs 4 input channels, got 1/,
    ],
    [
      'a pool larger than the image',
      [
        { type: 'maxpool', size: 8 },
        { type: 'maxpool', size: 8 },
      ],
      /layer1 \(maxpool\) gives an empty output/,
    ],
    ['an unknown layer', [{ type: 'softmax' }], /Invalid/],
    [
      'too many filters',
      [{ type: 'conv2d', filters: 1000, kernel: 3, padding: 'same', bias: true }],
      /whole number from 1 to 256/,
    ],
  ])('%s is refused on train.layers', (_, layers, message) => {
    const parsed = parseSettings({ version: 3, train: { model: 'custom', layers } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]!.path.startsWith('train.layers')).toBe(true);
    expect(parsed.issues[0]!.message).toMatch(message);
  });

  test('every zoo model as builder layers gives back the zoo model', async () => {
    const { MODEL_ZOO, modelSpecFor } = await import('../domain/model-zoo');
    for (const id of Object.keys(MODEL_ZOO) as (keyof typeof MODEL_ZOO)[]) {
      const custom = modelSpecFor({ model: 'custom', layers: presetLayers(id) }, [28, 28, 1], 10);
      expect(custom).toEqual(MODEL_ZOO[id].spec([28, 28, 1], 10));
    }
  });
});
