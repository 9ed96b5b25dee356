import { describe, expect, it } from 'vitest';
import { parseUrlConfig, URL_PARAMS } from './url-config';

describe('parseUrlConfig', () => {
  it('defaults to auto backend and no overrides', () => {
    expect(parseUrlConfig('')).toEqual({
      backend: 'auto',
      train: {},
      landscape: {},
      interpolation: {},
      sharpness: {},
      ignored: [],
    });
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
    expect(URL_PARAMS).toHaveLength(25);
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

  it('reads the flat-minima settings into train.flat', () => {
    const config = parseUrlConfig(
      '?optimizer=wasam&base=adam&rho=0.1&asam=true&swaStart=0.5&swaEvery=20&swaLr=0.01' +
        '&schedule=cyclical&stepSize=2&gamma=0.1&cycle=30&annealEpochs=3&labelNoise=0.2',
    );
    expect(config.ignored).toEqual([]);
    expect(config.train.optimizer).toBe('wasam');
    expect(config.train.flat).toEqual({
      base: 'adam',
      rho: 0.1,
      adaptive: true,
      swaStart: 0.5,
      swaEvery: 20,
      swaLr: 0.01,
      schedule: 'cyclical',
      stepSize: 2,
      gamma: 0.1,
      cycle: 30,
      annealEpochs: 3,
      labelNoise: 0.2,
    });
  });

  it('accepts every optimizer and schedule, and the special values 0 of swaEvery and cycle', () => {
    for (const o of ['sgd', 'adam', 'sam', 'swa', 'wasam']) {
      expect(parseUrlConfig(`?optimizer=${o}`).train.optimizer).toBe(o);
    }
    for (const s of ['constant', 'cosine', 'step', 'cyclical', 'swa_linear', 'swalr']) {
      expect(parseUrlConfig(`?schedule=${s}`).train.flat?.schedule).toBe(s);
    }
    expect(parseUrlConfig('?swaEvery=0&cycle=0').train.flat).toEqual({ swaEvery: 0, cycle: 0 });
    expect(parseUrlConfig('?asam=0').train.flat).toEqual({ adaptive: false });
    expect(parseUrlConfig('?asam=1').train.flat).toEqual({ adaptive: true });
    expect(parseUrlConfig('?labelNoise=0.8&rho=0').train.flat).toEqual({ labelNoise: 0.8, rho: 0 });
  });

  it('leaves ρ unset with asam alone, so the ASAM default applies', () => {
    expect(parseUrlConfig('?optimizer=sam&asam=1').train.flat?.rho).toBeUndefined();
  });

  it('rejects flat-minima values out of range', () => {
    const config = parseUrlConfig(
      '?base=rmsprop&rho=-0.1&asam=maybe&swaStart=1.5&swaEvery=2.5&swaLr=0&schedule=linear' +
        '&stepSize=0&gamma=0&cycle=-1&annealEpochs=101&labelNoise=0.9',
    );
    expect(config.train).toEqual({});
    expect(config.ignored.map((p) => p.name)).toEqual([
      'base',
      'rho',
      'asam',
      'swaStart',
      'swaEvery',
      'swaLr',
      'schedule',
      'stepSize',
      'gamma',
      'cycle',
      'annealEpochs',
      'labelNoise',
    ]);
    expect(config.ignored.find((p) => p.name === 'labelNoise')?.reason).toBe(
      'Enter a number from 0 to 0.8',
    );
    expect(config.ignored.find((p) => p.name === 'swaEvery')?.reason).toMatch(
      /^0 \(once per epoch\)/,
    );
  });
});
