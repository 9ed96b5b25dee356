import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../schema';
import { createFlatlandStore } from '../store';
import { applyUrlConfig, currentSettings, linkSearch } from './settings-link';
import { parseUrlConfig, settingsQuery } from './url-config';

const settings = (patch: (s: Settings) => void): Settings => {
  const s = structuredClone(DEFAULT_SETTINGS);
  patch(s);
  return s;
};

/** Applies a parsed link to a fresh store, as main.tsx does. */
function open(search: string) {
  const url = parseUrlConfig(search);
  const store = createFlatlandStore();
  applyUrlConfig(store, url);
  return { url, settings: currentSettings(store.getState(), url.backend) };
}

describe('version-2 links', () => {
  it('hold only the values that differ from the defaults', () => {
    expect(settingsQuery(DEFAULT_SETTINGS)).toBe('');
    const query = settingsQuery(
      settings((s) => {
        s.train.lr = 0.1;
        s.landscape.gridSize = 11;
      }),
    );
    expect(query).toBe('v=3&train.lr=0.1&landscape.gridSize=11');
  });

  it('round-trip every setting through a link into the store and back', () => {
    const chosen = settings((s) => {
      s.preset = 'Reproduce: SAM vs SGD';
      s.backend = 'cpu';
      s.train = {
        dataset: 'fashion-mnist',
        subset: 0,
        model: 'bn-cnn',
        optimizer: 'wasam',
        lr: 0.1 + 0.2,
        momentum: 0.5,
        weightDecay: 0.0005,
        batchSize: 128,
        epochs: 7,
        seed: 4_294_967_295,
        evalSamples: 300,
        sharpnessEvery: 25,
        flat: {
          base: 'adam',
          rho: 0.05,
          adaptive: true,
          swaStart: 0.6,
          swaEvery: 0,
          swaLr: 1e-5,
          schedule: 'swalr',
          stepSize: 3,
          gamma: 0.25,
          cycle: 12,
          annealEpochs: 2,
          labelNoise: 0.2,
        },
      };
      s.landscape = {
        slicePoints: 31,
        sliceRange: 0.5,
        gridSize: 9,
        gridRange: 2.5,
        evalSamples: 100,
        seed: 9,
        directions: {
          kind1: 'pca',
          kind2: 'pca',
          normalization: 'layer',
          ignoreBiasBn: false,
          orthogonalize: true,
        },
        bn: 'recompute',
        labels: 'clean',
      };
      s.interpolation = { from: -1, to: 2, points: 21 };
      s.sharpness = {
        samples: 500,
        rho: 0.1,
        adaptiveRho: 1,
        seed: 3,
        powerIterations: 20,
        labels: 'clean',
      };
    });
    const { url, settings: restored } = open(`?${settingsQuery(chosen)}`);
    expect(url.ignored).toEqual([]);
    expect(restored).toEqual(chosen);
  });

  it('keep other tools’ parameters and drop the settings of older links', () => {
    const search = linkSearch(
      settings((s) => (s.train.epochs = 2)),
      '?utm_source=mail&grid=11&train.lr=0.3',
    );
    expect(search).toBe('?v=3&train.epochs=2&utm_source=mail');
  });

  it('report unknown settings of our groups and an unknown version', () => {
    const { url } = open('?v=4&train.lr=0.2&train.learningRate=1&utm_source=x');
    expect(url.train.lr).toBe(0.2);
    expect(url.ignored.map((p) => [p.name, p.reason])).toEqual([
      ['v', 'unknown link version: expected 1 to 3'],
      ['train.learningRate', 'unknown setting'],
    ]);
  });
});

describe('version-1 links keep working', () => {
  it('open with the same settings as a version-2 link', () => {
    const old = open('?optimizer=SAM&asam=1&subset=all&grid=11&evalSamples=64&labelNoise=0.2');
    expect(old.url.ignored).toEqual([]);
    const upgraded = open(`?${settingsQuery(old.settings)}`);
    expect(upgraded.settings).toEqual(old.settings);
    expect(old.settings.train).toMatchObject({ optimizer: 'sam', subset: 0, evalSamples: 64 });
    expect(old.settings.train.flat).toEqual({ adaptive: true, labelNoise: 0.2 });
    expect(old.settings.landscape).toMatchObject({ gridSize: 11, evalSamples: 64 });
  });
});

describe('rules between fields in links', () => {
  it('ignore a batch larger than the subset, whichever of the two the link set', () => {
    const both = parseUrlConfig('?subset=64&batch=128');
    expect(both.train).toEqual({ subset: 64 });
    expect(both.ignored).toEqual([
      { name: 'batch', value: '128', reason: 'At most the training subset (64 images)' },
    ]);
    // Only the subset in the link: the default batch (64) does not fit 10 images.
    const subsetOnly = parseUrlConfig('?v=2&train.subset=10');
    expect(subsetOnly.train).toEqual({});
    expect(subsetOnly.ignored.map((p) => p.name)).toEqual(['train.subset']);
  });

  it('ignore an empty α range and PCA for one direction only', () => {
    const config = parseUrlConfig(
      '?v=2&interpolation.from=1&interpolation.to=1&landscape.directions.kind1=pca',
    );
    expect(config.interpolation).toEqual({ from: 1 });
    expect(config.landscape).toEqual({});
    expect(config.ignored.map((p) => p.name)).toEqual([
      'interpolation.to',
      'landscape.directions.kind1',
    ]);
  });
});
