import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN } from '../../store/defaults';
import { LIMITS, parseNumber } from '../../store/limits';
import { NUMBER_CONTROL_PATHS, numberControl, type NumberControlPath } from '../../schema';
import type { FlatMinimaSettings, OptimizerId, TrainConfig } from '../../domain/api';
import { metricRows } from './final-metrics';
import {
  effectiveBase,
  flatView,
  hasOverrides,
  helpTexts,
  stepsPerEpoch,
  visibleFields,
} from './flat-fields';

const config = (optimizer: OptimizerId, flat?: Partial<FlatMinimaSettings>): TrainConfig => ({
  ...DEFAULT_TRAIN,
  optimizer,
  ...(flat ? { flat } : {}),
});
const shown = (optimizer: OptimizerId, flat?: Partial<FlatMinimaSettings>) =>
  [...visibleFields(optimizer, flatView(config(optimizer, flat)).settings)].sort();

describe('optimizer fields', () => {
  it('shows each optimizer only the settings that apply to it', () => {
    expect(shown('sgd')).toEqual(['momentum']);
    expect(shown('adam')).toEqual([]);
    expect(shown('sam')).toEqual([
      'adaptive',
      'base',
      'cosineEvery',
      'm',
      'momentum',
      'rho',
      'samP',
      'secondOrder',
    ]);
    // Second order and the update cosine are SAM's, not ASAM's.
    expect(shown('sam', { adaptive: true })).toEqual([
      'adaptive',
      'base',
      'm',
      'momentum',
      'rho',
      'samP',
    ]);
    expect(shown('swa')).toEqual(['averaging', 'base', 'momentum', 'swaLr', 'swaStart']);
    // WASAM's cosine schedule has no SWA learning rate to set.
    expect(shown('wasam')).toEqual([
      'adaptive',
      'averaging',
      'base',
      'cosineEvery',
      'm',
      'momentum',
      'rho',
      'samP',
      'secondOrder',
      'swaStart',
    ]);
    expect(shown('wasam', { schedule: 'swalr' })).toContain('swaLr');
  });

  it('follows the base optimizer, the averaging frequency and the schedule', () => {
    expect(shown('sam', { base: 'adam' })).not.toContain('momentum');
    expect(effectiveBase('adam', 'sgd')).toBe('adam');
    expect(effectiveBase('swa', 'adam')).toBe('adam');
    expect(shown('swa', { swaEvery: 10 })).toContain('swaEvery');
    expect(shown('sgd', { schedule: 'step' })).toEqual(['gamma', 'momentum', 'stepSize']);
    expect(shown('sgd', { schedule: 'cyclical' })).toEqual(['cycle', 'momentum', 'swaLr']);
    expect(shown('sgd', { schedule: 'swa_linear' })).toEqual(['momentum', 'swaLr', 'swaStart']);
    expect(shown('adam', { schedule: 'swalr' })).toEqual([
      'annealEpochs',
      'annealStrategy',
      'swaLr',
    ]);
    expect(shown('sgd', { schedule: 'sgd_baseline' })).toEqual(['momentum']);
    expect(shown('adam', { schedule: 'cosine' })).toEqual([]);
  });

  it('takes the paper defaults, switching ρ with ASAM unless it was edited', () => {
    expect(flatView(config('sam')).settings).toMatchObject({ rho: 0.05, adaptive: false });
    expect(flatView(config('sam', { adaptive: true })).settings.rho).toBe(2);
    expect(flatView(config('sam', { adaptive: true, rho: 0.2 })).settings.rho).toBe(0.2);
    const swa = flatView({ ...config('swa'), lr: 0.1 }).settings;
    expect(swa).toMatchObject({ swaStart: 0.75, swaEvery: 0, swaLr: 0.05, schedule: 'swa_linear' });
    expect(flatView(config('sgd')).settings.schedule).toBe('constant');
    expect(flatView(config('wasam')).settings).toMatchObject({
      schedule: 'cosine',
      swaStart: 0.75,
    });
  });

  it('explains every field in one line with its paper and its default', () => {
    const view = flatView(config('wasam'));
    const help = helpTexts(view);
    const numberHelp = (path: NumberControlPath) => numberControl(path, view).help;
    expect(numberHelp('train.flat.rho')).toBe(
      'ρ: radius of the neighbourhood SAM minimises the worst-case loss over (Foret et al. 2021); 0.05, or 2 with ASAM (davda54/sam’s value)',
    );
    expect(help.adaptive).toContain('Kwon et al. 2021');
    expect(numberHelp('train.flat.swaStart')).toMatch(/Izmailov et al\. 2018.*; 0\.75$/);
    expect(numberHelp('train.flat.swaLr')).toContain(`= ${DEFAULT_TRAIN.lr / 2}`);
    expect(help.schedule).toContain('default here: Cosine');
    expect(help.schedule).toContain('0.01·lr');
    const texts = [
      ...Object.values(help),
      ...NUMBER_CONTROL_PATHS.filter((p) => p.startsWith('train.flat.')).map(numberHelp),
    ];
    for (const text of texts) {
      expect(text!.length).toBeGreaterThan(20);
      expect(text).not.toContain('\n');
    }
  });

  it('counts optimizer overrides but not label noise', () => {
    expect(hasOverrides(undefined)).toBe(false);
    expect(hasOverrides({ labelNoise: 0.2 })).toBe(false);
    expect(hasOverrides({ schedule: 'cosine' })).toBe(true);
  });

  it('counts the steps of an epoch as the worker does', () => {
    expect(stepsPerEpoch(2000, 64)).toBe(31);
    expect(stepsPerEpoch(0, 60_000)).toBe(1);
    expect(stepsPerEpoch(10, 64)).toBe(1);
  });
});

describe('validation of the optimizer fields', () => {
  const ok = (raw: string, spec: Parameters<typeof parseNumber>[1]) => parseNumber(raw, spec).ok;

  it('accepts the documented ranges and rejects the rest', () => {
    expect(ok('0.05', LIMITS.rho) && ok('0', LIMITS.rho) && !ok('-0.01', LIMITS.rho)).toBe(true);
    expect(ok('0.75', LIMITS.swaStart) && !ok('1.01', LIMITS.swaStart)).toBe(true);
    expect(
      ok('1', LIMITS.swaEvery) && !ok('0', LIMITS.swaEvery) && !ok('2.5', LIMITS.swaEvery),
    ).toBe(true);
    expect(ok('0.025', LIMITS.swaLr) && !ok('0', LIMITS.swaLr)).toBe(true);
    expect(ok('1', LIMITS.gamma) && !ok('0', LIMITS.gamma) && !ok('1.5', LIMITS.gamma)).toBe(true);
    expect(ok('0', LIMITS.cycle) && !ok('-1', LIMITS.cycle)).toBe(true);
    expect(ok('0', LIMITS.annealEpochs) && !ok('101', LIMITS.annealEpochs)).toBe(true);
    expect(ok('0.8', LIMITS.labelNoise) && !ok('0.81', LIMITS.labelNoise)).toBe(true);
    const bad = parseNumber('0.9', LIMITS.labelNoise);
    expect(bad.ok ? '' : bad.message).toBe('Enter a number from 0 to 0.8');
  });
});

describe('final metrics', () => {
  const summary = {
    status: 'finished' as const,
    steps: 4,
    epochs: 2,
    elapsedMs: 10,
    stepsPerSecond: 400,
    final: { trainLoss: 1, trainAcc: 0.6, testLoss: 1.1, testAcc: 0.55 },
  };

  it('shows the running model, and the average beside it when there is one', () => {
    expect(metricRows(summary)[0]).toEqual({ label: 'Test accuracy', final: '55.0%' });
    const averaged = { nAveraged: 2, trainLoss: 0.9, trainAcc: 0.62, testLoss: 1, testAcc: 0.58 };
    expect(metricRows({ ...summary, averaged }).map((r) => [r.label, r.final, r.averaged])).toEqual(
      [
        ['Test accuracy', '55.0%', '58.0%'],
        ['Test loss', '1.1000', '1.0000'],
        ['Train accuracy', '60.0%', '62.0%'],
        ['Train loss', '1.0000', '0.9000'],
      ],
    );
    expect(metricRows({ ...summary, final: null })).toEqual([]);
  });
});
