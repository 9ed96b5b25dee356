import { describe, expect, it } from 'vitest';
import { DEFAULT_LANDSCAPE } from '../../store/defaults';
import {
  bnMode,
  bnPatch,
  currentDirections,
  directionProblem,
  UI_DEFAULT_DIRECTIONS,
  withKind,
} from './direction-options';
import { makeRun } from '../../store/testing/runs';

describe('direction options', () => {
  // The worker's own defaults equal the schema's: src/worker/directions.test.ts.
  it('fills what the landscape settings leave out with the defaults', () => {
    expect(currentDirections(DEFAULT_LANDSCAPE)).toEqual(UI_DEFAULT_DIRECTIONS);
    const patched = { ...DEFAULT_LANDSCAPE, directions: { normalization: 'layer' as const } };
    expect(currentDirections(patched).normalization).toBe('layer');
    expect(currentDirections(patched).ignoreBiasBn).toBe(true);
  });

  it('keeps PCA paired in both directions', () => {
    const base = UI_DEFAULT_DIRECTIONS;
    expect(withKind(base, 'kind2', 'pca')).toMatchObject({ kind1: 'pca', kind2: 'pca' });
    const pca = { ...base, kind1: 'pca' as const, kind2: 'pca' as const };
    expect(withKind(pca, 'kind1', 'gradient')).toMatchObject({
      kind1: 'gradient',
      kind2: 'random',
    });
    expect(withKind(base, 'kind2', 'eigenvector')).toMatchObject({
      kind1: 'random',
      kind2: 'eigenvector',
    });
  });

  it('maps the BatchNorm mode to the config field', () => {
    expect(bnMode(DEFAULT_LANDSCAPE)).toBe('auto');
    expect(bnPatch('auto')).toEqual({ bn: undefined });
    expect(bnPatch('recompute')).toEqual({ bn: 'recompute' });
    expect(bnMode({ ...DEFAULT_LANDSCAPE, bn: 'stored' })).toBe('stored');
  });

  it('asks for a checkpoint target and an existing shared run', () => {
    const runs = [makeRun('r1', 'sgd')];
    const checkpoint = { ...UI_DEFAULT_DIRECTIONS, kind2: 'checkpoint' as const };
    expect(directionProblem(checkpoint, runs)).toMatch(/checkpoint/);
    const towards = { ...checkpoint, towards: { runId: 'r1', which: 'initial' as const } };
    expect(directionProblem(towards, runs)).toBeNull();
    expect(directionProblem({ ...towards, shareWith: 'gone' }, runs)).toMatch(/no longer/);
    expect(directionProblem(UI_DEFAULT_DIRECTIONS, [])).toBeNull();
  });
});
