import { describe, expect, it } from 'vitest';
import { parseUrlConfig, URL_PARAMS } from './url-config';

describe('parseUrlConfig', () => {
  it('defaults to auto backend and no overrides', () => {
    expect(parseUrlConfig('')).toEqual({ backend: 'auto', train: {}, landscape: {}, ignored: [] });
  });

  it('reads every documented parameter', () => {
    const config = parseUrlConfig(
      '?backend=cpu&dataset=fashion-mnist&subset=500&model=lenet5&optimizer=adam&lr=0.001' +
        '&momentum=0.5&batch=32&epochs=2&seed=7&evalSamples=200&slice=11&grid=9',
    );
    expect(config.ignored).toEqual([]);
    expect(config.backend).toBe('cpu');
    expect(config.train).toEqual({
      dataset: 'fashion-mnist',
      subset: 500,
      model: 'lenet5',
      optimizer: 'adam',
      lr: 0.001,
      momentum: 0.5,
      batchSize: 32,
      epochs: 2,
      seed: 7,
      evalSamples: 200,
    });
    expect(config.landscape).toEqual({ evalSamples: 200, slicePoints: 11, gridSize: 9 });
    expect(URL_PARAMS).toHaveLength(13);
  });

  it('accepts each backend and is case-insensitive for choices', () => {
    for (const b of ['webgpu', 'webgl', 'cpu', 'auto']) {
      expect(parseUrlConfig(`?backend=${b}`).backend).toBe(b);
    }
    expect(parseUrlConfig('?backend=WebGPU&model=MLP').train.model).toBe('mlp');
    expect(parseUrlConfig('?backend=WebGPU').backend).toBe('webgpu');
  });

  it('maps subset=all and 0 to the whole set, and keeps other in-range sizes', () => {
    expect(parseUrlConfig('?subset=all').train.subset).toBe(0);
    expect(parseUrlConfig('?subset=0').train.subset).toBe(0);
    expect(parseUrlConfig('?subset=1234').train.subset).toBe(1234);
  });

  it('ignores invalid values and reports each of them', () => {
    const config = parseUrlConfig(
      '?backend=metal&dataset=cifar&model=resnet&optimizer=rmsprop&lr=abc&momentum=1' +
        '&batch=12.5&epochs=0&seed=-1&evalSamples=1e9&slice=2&grid=99&subset=5',
    );
    expect(config.backend).toBe('auto');
    expect(config.train).toEqual({});
    expect(config.landscape).toEqual({});
    expect(config.ignored.map((p) => p.name)).toEqual([
      'backend',
      'dataset',
      'subset',
      'model',
      'optimizer',
      'lr',
      'momentum',
      'batch',
      'epochs',
      'seed',
      'evalSamples',
      'slice',
      'grid',
    ]);
    expect(config.ignored.find((p) => p.name === 'lr')).toMatchObject({ value: 'abc' });
    expect(config.ignored.every((p) => p.reason.length > 0)).toBe(true);
  });

  it('rejects non-decimal spellings that Number() would accept', () => {
    for (const lr of ['0x1', 'Infinity', 'NaN', '', ' ', '1,5']) {
      const config = parseUrlConfig(`?lr=${encodeURIComponent(lr)}`);
      expect(config.train.lr, lr).toBeUndefined();
      expect(config.ignored).toHaveLength(1);
    }
  });

  it('accepts scientific notation and range bounds', () => {
    expect(parseUrlConfig('?lr=1e-3').train.lr).toBe(0.001);
    expect(parseUrlConfig('?grid=51').landscape.gridSize).toBe(51);
    expect(parseUrlConfig('?grid=52').ignored).toHaveLength(1);
    expect(parseUrlConfig('?momentum=0').train.momentum).toBe(0);
  });

  it('leaves unknown parameters alone', () => {
    expect(parseUrlConfig('?foo=bar&utm_source=x').ignored).toEqual([]);
  });
});
