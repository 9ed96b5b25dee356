import { describe, expect, it } from 'vitest';
import { DEFAULT_LANDSCAPE } from '../../store/defaults';
import { DEFAULT_DIRECTIONS } from '../../worker/directions';
import {
  bnMode,
  bnPatch,
  currentDirections,
  directionProblem,
  formatCosine,
  gridAxisTitles,
  sliceAxisTitle,
  UI_DEFAULT_DIRECTIONS,
  withKind,
} from './direction-options';
import { makeRun } from '../../store/testing/runs';

describe('direction options', () => {
  it('mirrors the worker defaults', () => {
    expect(UI_DEFAULT_DIRECTIONS).toEqual(DEFAULT_DIRECTIONS);
    expect(currentDirections(DEFAULT_LANDSCAPE)).toEqual(DEFAULT_DIRECTIONS);
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

  it('titles the axes from the worker labels, with PCA variance', () => {
    expect(gridAxisTitles(undefined)).toEqual(['Direction 1 (a)', 'Direction 2 (b)']);
    expect(
      gridAxisTitles({ label1: 'PC1', label2: 'PC2', cosine: 0, explained: [0.8, 0.15] }),
    ).toEqual(['PC1 (80.0% of variance)', 'PC2 (15.0% of variance)']);
    const labelled = { label1: 'PC1 (80.0% of variance)', label2: 'x', cosine: 0 };
    expect(gridAxisTitles({ ...labelled, explained: [0.8, 0.1] })[0]).toBe(labelled.label1);
    expect(sliceAxisTitle('pca')).toContain('PC1');
    expect(sliceAxisTitle('random')).toContain('random');
  });

  it('formats the cosine', () => {
    expect(formatCosine(0)).toBe('0.0000');
    expect(formatCosine(0.01234)).toBe('0.0123');
    expect(formatCosine(-2.5e-5)).toBe('-2.5e-5');
    expect(formatCosine(NaN)).toBe('—');
  });
});
