/**
 * Issue 7.1: a table of bad inputs. Each must be rejected by the schema with a message on the
 * field it concerns, as a value of a settings object (files) and as typed text; the same inputs
 * as link text (URLs) are in app/bad-links.test.ts, beside the link parser.
 */
import { describe, expect, it } from 'vitest';
import { parseNumber, parseSettings, RANGES, setPath } from './index';

/** [what, path, value]: a typed value at one path of a version-3 settings object. */
const BAD_VALUES: [string, string, unknown][] = [
  ['NaN learning rate', 'train.lr', Number.NaN],
  ['Infinity learning rate', 'train.lr', Number.POSITIVE_INFINITY],
  // What JSON.parse makes of 1e309.
  ['1e309 (overflows to Infinity)', 'train.lr', Number('1e309')],
  ['zero learning rate', 'train.lr', 0],
  ['negative learning rate', 'train.lr', -0.1],
  ['learning rate as text', 'train.lr', '0.1'],
  ['momentum of 1', 'train.momentum', 1],
  ['negative weight decay', 'train.weightDecay', -1e-4],
  ['zero batch size', 'train.batchSize', 0],
  ['fractional batch size', 'train.batchSize', 12.5],
  ['batch size 2048', 'train.batchSize', 2048],
  ['zero epochs', 'train.epochs', 0],
  ['negative seed', 'train.seed', -1],
  ['seed past 2^32 − 1', 'train.seed', 2 ** 32],
  ['subset of 5 images', 'train.subset', 5],
  ['subset larger than MNIST', 'train.subset', 70_000],
  ['subset as "all"', 'train.subset', 'all'],
  ['unknown dataset', 'train.dataset', 'cifar10'],
  ['unknown model', 'train.model', 'resnet50'],
  ['optimizer as a number', 'train.optimizer', 3],
  ['evaluation samples past the test set', 'train.evalSamples', 10_001],
  ['negative ρ', 'train.flat.rho', -0.05],
  ['ASAM as the text "yes"', 'train.flat.adaptive', 'yes'],
  ['SWA start past the budget', 'train.flat.swaStart', 1.5],
  ['fractional averaging period', 'train.flat.swaEvery', 2.5],
  ['zero SWA learning rate', 'train.flat.swaLr', 0],
  ['unknown schedule', 'train.flat.schedule', 'linear'],
  ['zero decay γ', 'train.flat.gamma', 0],
  ['label noise 0.9', 'train.flat.labelNoise', 0.9],
  ['label noise as null', 'train.flat.labelNoise', null],
  ['1000 × 1000 grid', 'landscape.gridSize', 1000],
  ['2-point slice', 'landscape.slicePoints', 2],
  ['zero grid range', 'landscape.gridRange', 0],
  ['zero slice range', 'landscape.sliceRange', 0],
  ['negative slice range', 'landscape.sliceRange', -1],
  ['unknown direction kind', 'landscape.directions.kind1', 'hessian'],
  ['unknown BatchNorm mode', 'landscape.bn', 'auto'],
  ['α beyond 5', 'interpolation.to', 50],
  ['1-point interpolation', 'interpolation.points', 1],
  ['zero sharpness ρ', 'sharpness.rho', 0],
  ['sharpness samples as an array', 'sharpness.samples', [200]],
  ['unknown backend', 'backend', 'metal'],
  ['preset name with a control character', 'preset', 'SAM\u0000'],
  ['preset name of 200 characters', 'preset', 'x'.repeat(200)],
];

/** [what, settings object, path of the issue]: rules between fields and malformed objects. */
const BAD_OBJECTS: [string, unknown, string][] = [
  [
    'batch larger than the subset',
    { version: 3, train: { subset: 64, batchSize: 128 } },
    'train.batchSize',
  ],
  ['zero α range', { version: 3, interpolation: { from: 1, to: 1 } }, 'interpolation.to'],
  ['reversed α range', { version: 3, interpolation: { from: 1, to: -1 } }, 'interpolation.to'],
  [
    'PCA for d₁ only',
    { version: 3, landscape: { directions: { kind1: 'pca' } } },
    'landscape.directions.kind2',
  ],
  ['train as a number', { version: 3, train: 5 }, 'train'],
  ['a future version', { version: 4 }, ''],
  ['version as text', { version: '3' }, ''],
  ['not an object', 'lr=0.1', ''],
  ['an array', [1, 2], ''],
  ['null', null, ''],
];

describe('bad inputs', () => {
  it('counts at least 30 of them', () => {
    expect(BAD_VALUES.length + BAD_OBJECTS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_VALUES)('rejects %s at the field', (_what, path, value) => {
    const input: Record<string, unknown> = { version: 3 };
    setPath(input, path, value);
    const result = parseSettings(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual([path]);
    expect(result.issues[0]!.message.length).toBeGreaterThan(5);
  });

  it.each(BAD_OBJECTS)('rejects %s', (_what, input, path) => {
    const result = parseSettings(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]!.path).toBe(path);
  });

  it('gives the controls the same verdict as the schema for typed text', () => {
    const typed: [string, keyof typeof RANGES][] = [
      ['NaN', 'lr'],
      ['1e309', 'lr'],
      ['-1', 'epochs'],
      ['0', 'batchSize'],
      ['abc', 'seed'],
      ['', 'momentum'],
      ['3.5', 'epochs'],
      ['0', 'gridRange'],
    ];
    for (const [raw, field] of typed) {
      const parsed = parseNumber(raw, RANGES[field]);
      expect(parsed, `${field}=${raw}`).toMatchObject({ ok: false });
    }
    expect(parseNumber(' 0.05 ', RANGES.lr)).toEqual({ ok: true, value: 0.05 });
  });
});
