import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  LEAVES,
  migrate,
  parseSettings,
  problemWith,
  SCHEMA_VERSION,
  type Settings,
} from './index';

describe('settings schema', () => {
  // That the store and the controls take these is checked in store/store.test.ts.
  it('is at version 3, with no flat-minima defaults of its own', () => {
    expect(SCHEMA_VERSION).toBe(3);
    expect(DEFAULT_SETTINGS.train.flat).toEqual({});
  });

  it('gives every leaf with a default a value its own schema accepts', () => {
    const all = parseSettings(DEFAULT_SETTINGS);
    expect(all).toEqual({ ok: true, value: DEFAULT_SETTINGS, warnings: [] });
    const withDefault = [...LEAVES.values()].filter((l) => l.default !== undefined);
    for (const leaf of withDefault)
      expect(problemWith(leaf.schema, leaf.default), leaf.path).toBe(null);
    // Flat-minima settings alone have none: they follow the optimizer's paper defaults.
    const without = [...LEAVES.values()].filter((l) => l.default === undefined);
    expect(without.map((l) => l.path.split('.').slice(0, 2).join('.'))).toEqual(
      expect.arrayContaining(['train.flat', 'landscape.bn', 'preset', 'train.layers']),
    );
    // The model builder's layers exist only for a custom model, an imported dataset's reference
    // only for imported data.
    const free = /^(train\.flat\.|train\.layers$|train\.imported$|landscape\.bn|preset)/;
    expect(without.every((l) => free.test(l.path))).toBe(true);
  });

  it('round-trips a complete object unchanged (JSON included)', () => {
    const s: Settings = structuredClone(DEFAULT_SETTINGS);
    s.preset = 'Reproduce: WASAM';
    s.train.optimizer = 'sam';
    s.train.flat = { rho: 0.1, adaptive: true };
    s.landscape.bn = 'stored';
    s.interpolation = { from: 0, to: 1, points: 11 };
    const back = parseSettings(JSON.parse(JSON.stringify(s)));
    expect(back).toEqual({ ok: true, value: s, warnings: [] });
  });

  it('accepts an m-SAM sub-batch size that divides the batch, and says why otherwise', () => {
    const ok = parseSettings({ version: 2, train: { batchSize: 64, flat: { m: 16 } } });
    expect(ok.ok && ok.value.train.flat.m).toBe(16);
    expect(parseSettings({ version: 2, train: { flat: { m: 0 } } }).ok).toBe(true);
    const bad = parseSettings({ version: 2, train: { batchSize: 64, flat: { m: 12 } } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues).toEqual([
      {
        path: 'train.flat.m',
        message:
          'm must divide the batch size 64 (e.g. 1, 2, 4, 8, 16, 32, 64), or be 0 for the whole batch',
      },
    ]);
  });

  it('fills missing fields with defaults and warns about unknown ones', () => {
    const result = parseSettings({ version: 3, train: { lr: 0.2, lrr: 1 }, colour: 'red' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.train.lr).toBe(0.2);
    expect(result.value.train.epochs).toBe(DEFAULT_SETTINGS.train.epochs);
    expect(result.warnings).toEqual([
      "unknown setting 'train.lrr' ignored",
      "unknown setting 'colour' ignored",
    ]);
    expect(result.value).not.toHaveProperty('colour');
  });

  it('reports every invalid field at once, with its path', () => {
    const result = parseSettings({ version: 3, train: { lr: 'fast', epochs: 0 }, backend: 'tpu' });
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'backend', message: 'expected one of auto, webgpu, webgl, cpu' },
        { path: 'train.lr', message: 'Enter a number from 0.00001 to 10' },
        { path: 'train.epochs', message: 'Enter a whole number from 1 to 100' },
      ],
    });
  });
});

describe('migration from version 1', () => {
  const v1 = {
    optimizer: 'WASAM',
    subset: 'all',
    batch: '32',
    asam: '1',
    swaEvery: '0',
    evalSamples: '200',
    grid: '11',
    backend: 'cpu',
  };

  it('upgrades the link parameters to the nested shape', () => {
    const migrated = migrate(v1);
    expect(migrated).toEqual({
      ok: true,
      from: 1,
      dropped: [],
      value: {
        version: 3,
        backend: 'cpu',
        train: {
          subset: 0,
          optimizer: 'wasam',
          batchSize: 32,
          evalSamples: 200,
          flat: { adaptive: true, swaEvery: 0 },
        },
        landscape: { evalSamples: 200, gridSize: 11 },
      },
    });
  });

  it('parses old settings with a warning, and the result survives a second parse', () => {
    const result = parseSettings({ version: 1, ...v1, utm: 'x' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      'upgraded from settings version 1 to 3',
      "unknown setting 'utm' ignored",
    ]);
    expect(result.value.train).toMatchObject({ optimizer: 'wasam', subset: 0, batchSize: 32 });
    expect(parseSettings(result.value)).toEqual({ ok: true, value: result.value, warnings: [] });
  });

  it('rejects version-1 values the schema does not accept, with the new path', () => {
    const result = parseSettings({ lr: 'abc', grid: '99' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['train.lr', 'landscape.gridSize']);
  });

  it('leaves current settings alone and refuses unknown versions', () => {
    const current = { version: 3, train: { lr: 0.3 } };
    expect(migrate(current)).toEqual({ ok: true, value: current, from: 3, dropped: [] });
    expect(migrate({ version: 7 })).toMatchObject({ ok: false });
    expect(migrate('v=2')).toMatchObject({ ok: false });
  });
});
