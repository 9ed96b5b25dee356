import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERPOLATION } from '../../store/analysis-slice';
import { DEFAULT_LANDSCAPE } from '../../store/defaults';
import { makeRun } from '../../store/testing/runs';
import {
  draftProblem,
  interpolationConfig,
  pairRefs,
  pairUnavailable,
} from './interpolation-config';

/** The four runs of one comparison, then a later SGD run with another seed. */
const compared = [
  makeRun('r1', 'sgd'),
  makeRun('r2', 'swa'),
  makeRun('r3', 'sam'),
  makeRun('r4', 'wasam'),
];

describe('one-click pairs', () => {
  it('goes from the current run’s initial to its final weights', () => {
    expect(pairRefs('initial-final', compared, 'r3')).toEqual({
      a: { runId: 'r3', which: 'initial' },
      b: { runId: 'r3', which: 'final' },
    });
    // No current run: the newest one.
    expect(pairRefs('initial-final', compared, null)?.a.runId).toBe('r4');
    expect(pairRefs('initial-final', [], null)).toBeNull();
  });

  it('has no initial → final pair for an imported model (no checkpoints), and says why', () => {
    const imported = { ...makeRun('m1', 'sgd'), checkpoints: 0 };
    expect(pairRefs('initial-final', [...compared, imported], 'm1')).toBeNull();
    expect(pairUnavailable('initial-final')).toMatch(/imported model has no training history/);
    expect(pairUnavailable('sgd-swa')).toMatch(/use Compare/);
  });

  it('pairs optimizers by their solutions, averaged for SWA and WASAM', () => {
    expect(pairRefs('sgd-swa', compared, null)).toEqual({
      a: { runId: 'r1', which: 'final' },
      b: { runId: 'r2', which: 'averaged' },
    });
    expect(pairRefs('sgd-sam', compared, null)).toEqual({
      a: { runId: 'r1', which: 'final' },
      b: { runId: 'r3', which: 'final' },
    });
    expect(pairRefs('sam-wasam', compared, null)).toEqual({
      a: { runId: 'r3', which: 'final' },
      b: { runId: 'r4', which: 'averaged' },
    });
  });

  it('prefers the run of the same comparison over a newer unrelated one', () => {
    const runs = [...compared, makeRun('r5', 'sgd', { seed: 9 })];
    expect(pairRefs('sgd-sam', runs, null)?.a.runId).toBe('r1');
    // Without a twin, any newer run of the same model and dataset will do.
    const lone = [makeRun('x1', 'sgd', { seed: 9 }), makeRun('x2', 'sam')];
    expect(pairRefs('sgd-sam', lone, null)?.a.runId).toBe('x1');
  });

  it('is unavailable when an optimizer is missing or the models differ', () => {
    expect(pairRefs('sgd-swa', [makeRun('r1', 'sgd')], null)).toBeNull();
    const mixed = [makeRun('r1', 'sgd', { model: 'mlp' }), makeRun('r2', 'swa')];
    expect(pairRefs('sgd-swa', mixed, null)).toBeNull();
  });
});

describe('interpolation config', () => {
  const pair = pairRefs('sgd-swa', compared, null)!;

  it('reports what stops the form', () => {
    expect(draftProblem(DEFAULT_INTERPOLATION, compared)).toMatch(/Choose A and B/);
    expect(draftProblem({ ...DEFAULT_INTERPOLATION, ...pair }, compared)).toBeNull();
    const backwards = { ...DEFAULT_INTERPOLATION, ...pair, from: 1, to: 0 };
    expect(draftProblem(backwards, compared)).toMatch(/α range/);
    const runs = [makeRun('m', 'sgd', { model: 'mlp' }), ...compared];
    const mixed = {
      ...DEFAULT_INTERPOLATION,
      a: { runId: 'm', which: 'final' as const },
      b: pair.b,
    };
    expect(draftProblem(mixed, runs)).toMatch(/same model/);
  });

  it('builds the worker request on the landscape’s samples', () => {
    const config = interpolationConfig({ ...DEFAULT_INTERPOLATION, ...pair }, DEFAULT_LANDSCAPE);
    expect(config).toEqual({
      ...pair,
      from: -0.5,
      to: 1.5,
      points: 41,
      evalSamples: DEFAULT_LANDSCAPE.evalSamples,
      seed: DEFAULT_LANDSCAPE.seed,
      labels: 'trained',
    });
    expect(interpolationConfig(DEFAULT_INTERPOLATION, DEFAULT_LANDSCAPE)).toBeNull();
  });
});
