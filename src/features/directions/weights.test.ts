import { describe, expect, it } from 'vitest';
import { solutionChoice } from '../../domain/solution';
import { makeRun } from '../../store/testing/runs';
import {
  choiceLabel,
  choicesFor,
  compatible,
  decodeChoice,
  encodeChoice,
  isValidRef,
  latestOf,
  sameSettings,
  weightsLabel,
} from '../../domain/weights';

describe('weights choices', () => {
  it('round-trips choices through select values', () => {
    for (const c of ['final', 'averaged', 'initial', { epoch: 3 }] as const) {
      expect(decodeChoice(encodeChoice(c))).toEqual(c);
    }
    expect(decodeChoice('epoch:x')).toBeNull();
    expect(decodeChoice('best')).toBeNull();
    expect(choiceLabel({ epoch: 2 })).toBe('epoch 2');
  });

  it('lists initial, each epoch, final and the average when there is one', () => {
    expect(choicesFor(makeRun('r1', 'sgd')).map(encodeChoice)).toEqual([
      'initial',
      'epoch:1',
      'epoch:2',
      'epoch:3',
      'final',
    ]);
    expect(choicesFor(makeRun('r2', 'swa')).map(encodeChoice)).toContain('averaged');
    expect(solutionChoice(makeRun('r2', 'swa'))).toBe('averaged');
    expect(solutionChoice(makeRun('r1', 'sgd'))).toBe('final');
  });

  it('offers only the final weights of an imported model (no checkpoints)', () => {
    const imported = { ...makeRun('m1', 'sgd'), checkpoints: 0 };
    expect(choicesFor(imported).map(encodeChoice)).toEqual(['final']);
    expect(isValidRef([imported], { runId: 'm1', which: 'initial' })).toBe(false);
    expect(isValidRef([imported], { runId: 'm1', which: 'final' })).toBe(true);
    // Its config's optimizer is a placeholder: it is no SGD run for the one-click pairs.
    expect(latestOf([makeRun('r1', 'sgd'), imported], 'sgd')?.id).toBe('r1');
  });

  it('validates and labels references against the run list', () => {
    const runs = [makeRun('r1', 'sgd')];
    expect(isValidRef(runs, { runId: 'r1', which: { epoch: 3 } })).toBe(true);
    expect(isValidRef(runs, { runId: 'r1', which: { epoch: 4 } })).toBe(false);
    expect(isValidRef(runs, { runId: 'r1', which: 'averaged' })).toBe(false);
    expect(isValidRef(runs, { runId: 'gone', which: 'final' })).toBe(false);
    expect(isValidRef(runs, null)).toBe(false);
    expect(weightsLabel(runs, { runId: 'r1', which: 'initial' })).toBe('SGD, initial');
    expect(weightsLabel(runs, { runId: 'gone', which: 'final' })).toBe('gone, final');
  });

  it('finds the newest run of an optimizer, optionally trained alike', () => {
    const runs = [makeRun('r1', 'sgd'), makeRun('r2', 'sam'), makeRun('r3', 'sgd', { seed: 7 })];
    expect(latestOf(runs, 'sgd')?.id).toBe('r3');
    expect(latestOf(runs, 'sgd', runs[1])?.id).toBe('r1');
    expect(latestOf(runs, 'swa')).toBeNull();
  });

  it('compares settings apart from the optimizer and its flat-minima options', () => {
    const a = makeRun('a', 'sgd').config;
    expect(sameSettings(a, { ...a, optimizer: 'sam', flat: { rho: 0.1 } })).toBe(true);
    expect(sameSettings(a, { ...a, lr: 0.1 })).toBe(false);
    expect(compatible(makeRun('a', 'sgd'), makeRun('b', 'sam', { lr: 1 }))).toBe(true);
    expect(compatible(makeRun('a', 'sgd'), makeRun('b', 'sam', { model: 'mlp' }))).toBe(false);
  });
});
