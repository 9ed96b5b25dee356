import { describe, expect, test } from 'vitest';
import type { LayerSpec } from '../../domain/model';
import { presetLayers } from '../../domain/model-zoo';
import { builderTable, deeper, newLayer, scaleWidth, shallower } from './builder';

const conv = newLayer('conv2d');

describe('the model builder', () => {
  test('the table: every layer, the classifier, shapes, counts and the total (tiny CNN)', () => {
    const t = builderTable(presetLayers('tiny-cnn'));
    expect(t.problem).toBeNull();
    expect(t.rows.map((r) => [r.layer.type, r.shape, r.params, r.classifier])).toEqual([
      ['conv2d', [26, 26, 8], 80, false],
      ['relu', [26, 26, 8], 0, false],
      ['maxpool', [13, 13, 8], 0, false],
      ['conv2d', [11, 11, 16], 1168, false],
      ['relu', [11, 11, 16], 0, false],
      ['maxpool', [5, 5, 16], 0, false],
      ['flatten', [400], 0, true],
      ['dense', [10], 4010, true],
    ]);
    expect(t.total).toBe(5_258);
  });

  test('an impossible model: the message names the layer, shapes stop there, no total', () => {
    const layers: LayerSpec[] = [{ type: 'flatten' }, conv];
    const t = builderTable(layers);
    expect(t.problem).toMatch(/^layer1 \(conv2d\) needs an \[H, W, C\] input, got \[784\]/);
    expect(t.rows.map((r) => r.shape)).toEqual([[784], null, null, null]);
    expect(t.total).toBeNull();
  });

  test('width scales filters and units; depth adds and removes residual blocks', () => {
    const layers: LayerSpec[] = [conv, newLayer('relu'), newLayer('flatten'), newLayer('dense')];
    const wide = scaleWidth(layers, 2);
    expect(wide[0]).toMatchObject({ filters: 16 });
    expect(wide[3]).toMatchObject({ units: 64 });
    expect(scaleWidth(layers, 0.01)[0]).toMatchObject({ filters: 1 });
    const deep = deeper(layers);
    // Before the flatten, as wide as the channels there (8): an identity block fits.
    expect(deep[2]).toMatchObject({ type: 'residual', filters: 8, skip: 'identity' });
    expect(builderTable(deep).problem).toBeNull();
    const deeper2 = deeper(deep);
    expect(deeper2.filter((l) => l.type === 'residual')).toHaveLength(2);
    expect(shallower(deeper2)).toEqual(deep);
    expect(shallower(layers)).toEqual(layers);
  });
});
