/** The Controls panel's fields as drawn from the schema's table: labels, hints, tips, values. */
import { createElement, Fragment, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlatMinimaSettings, TrainConfig } from '../../domain/api';
import { flatlandStore } from '../../store';
import { DEFAULT_TRAIN } from '../../store/defaults';
import { AveragingFields, LrScheduleFields, SamFields, SwaFields } from './FlatFields';
import { BudgetFields, DataModelFields, OptimizerFields } from './SettingsFields';

// One tree, so that every field gets its own id.
const render = (...parts: FunctionComponent[]) =>
  renderToStaticMarkup(createElement(Fragment, null, ...parts.map((part) => createElement(part))));
const labels = (html: string) =>
  [...html.matchAll(/<label[^>]*>([^<]*)<\/label>/g)].map((m) => m[1]);
const inputValue = (html: string, label: string) => {
  const text = label.replace(/[()]/g, '\\$&');
  const id = new RegExp(`<label for="([^"]*)"[^>]*>${text}</label>`).exec(html)?.[1];
  return new RegExp(`<input[^>]* id="${id}"[^>]* value="([^"]*)"`).exec(html)?.[1];
};
const configure = (train: Partial<TrainConfig>, flat: Partial<FlatMinimaSettings> = {}) => {
  flatlandStore.getState().setTrain({ ...DEFAULT_TRAIN, ...train, flat });
};

// Rendered on the "server", zustand reads the store's initial state: have it read the current one.
flatlandStore.getInitialState = flatlandStore.getState;

beforeEach(() => configure({}));

describe('controls fields', () => {
  it('labels the data, optimizer and budget fields as before', () => {
    const html = render(DataModelFields, OptimizerFields, BudgetFields);
    expect(labels(html)).toEqual([
      'Dataset',
      'Training subset',
      'Model',
      'Label noise',
      'Optimizer',
      'Learning rate',
      'Momentum',
      'Batch size',
      'Epochs',
      'Seed',
      'λ_max every',
    ]);
    expect(html).toContain('>Fraction of training labels</span>');
    expect(html).toContain('>steps (0: off)</span>');
    expect(html).toContain('aria-label="About λ_max every"');
    expect(inputValue(html, 'Learning rate')).toBe(String(DEFAULT_TRAIN.lr));
    expect(inputValue(html, 'λ_max every')).toBe(String(DEFAULT_TRAIN.sharpnessEvery));
  });

  it('shows the optimizer settings in force, with their tips and hints', () => {
    configure({ optimizer: 'wasam', lr: 0.1 }, { schedule: 'swalr', swaEvery: 10 });
    const html = render(SamFields, SwaFields, AveragingFields, LrScheduleFields);
    expect(labels(html)).toEqual([
      'SAM radius ρ',
      'Adaptive (ASAM)',
      'SAM sub-batch m',
      'SAM ball ‖ε‖_p',
      'Second order',
      'SAM cosine every',
      'SWA start',
      'SWA learning rate',
      'Averaging',
      'Average every (steps)',
      'LR schedule',
      'Anneal epochs',
      'Anneal shape',
    ]);
    expect(inputValue(html, 'SWA learning rate')).toBe('0.05');
    expect(inputValue(html, 'Average every (steps)')).toBe('10');
    expect(html).toContain('>Fraction of all steps</span>');
    expect(html).toMatch(
      /role="tooltip"[^>]*>ρ: radius of the neighbourhood .*; 0\.05, or 2 with ASAM/,
    );
  });

  it('says that the second-order term vanishes for p = ∞', () => {
    configure({ optimizer: 'sam' }, { samP: 'inf', secondOrder: true });
    expect(render(SamFields)).toContain('the second-order term vanishes');
    configure({ optimizer: 'sam' }, { samP: '2', secondOrder: true });
    expect(render(SamFields)).not.toContain('second-order term vanishes');
  });

  it('shows the step and cyclical schedules’ own fields', () => {
    configure({}, { schedule: 'step' });
    expect(labels(render(LrScheduleFields))).toEqual([
      'LR schedule',
      'Step size (epochs)',
      'Decay γ',
    ]);
    configure({}, { schedule: 'cyclical' });
    const html = render(LrScheduleFields);
    expect(labels(html)).toEqual(['LR schedule', 'Cycle length (steps)']);
    expect(html).toContain('>0 = one epoch</span>');
  });

  it('marks a batch larger than the training subset', () => {
    configure({ subset: 500, batchSize: 1000 });
    const html = render(BudgetFields);
    expect(html).toContain('At most the training subset (500 images)');
    expect(html).toMatch(/<input[^>]* aria-invalid="true"[^>]* value="1000"/);
  });
});
