import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN } from '../../store/defaults';
import type { RunInfo } from '../../domain/api';
import { formatBytes, runActionBlocker, runRow } from './run-items';

const info = (patch: Partial<RunInfo['summary']>): RunInfo => ({
  id: 'run-2',
  name: 'WASAM',
  color: '#9467bd',
  config: { ...DEFAULT_TRAIN, optimizer: 'wasam' },
  summary: {
    status: 'finished',
    steps: 4,
    epochs: 2,
    elapsedMs: 10,
    stepsPerSecond: 400,
    final: { trainLoss: 1, trainAcc: 0.6, testLoss: 1.1, testAcc: 0.912 },
    ...patch,
  },
  hasAverage: true,
  checkpoints: 3,
});

describe('run list', () => {
  it('shows the final and, when present, the averaged test accuracy', () => {
    const averaged = { nAveraged: 1, trainLoss: 1, trainAcc: 0.6, testLoss: 1, testAcc: 0.92 };
    expect(runRow(info({ averaged }))).toEqual({
      id: 'run-2',
      name: 'WASAM',
      color: '#9467bd',
      test: 'Test 91.2%',
      averaged: 'SWA average 92.0%',
      stopped: false,
      imported: false,
    });
    expect(runRow(info({})).averaged).toBeNull();
    // A model imported from TF.js: no step taken here, no checkpoint kept.
    expect(runRow({ ...info({ steps: 0 }), checkpoints: 0 }).imported).toBe(true);
    expect(runRow(info({ status: 'stopped', final: null }))).toMatchObject({
      test: 'Test —',
      stopped: true,
    });
  });

  it('blocks Explore and Delete while training or an analysis runs', () => {
    expect(runActionBlocker('training', false)).toBe('Available once training has finished');
    expect(runActionBlocker('paused', false)).not.toBeNull();
    expect(runActionBlocker('finished', true)).toBe('Available once the analysis has finished');
    expect(runActionBlocker('finished', false)).toBeNull();
    expect(runActionBlocker('error', false)).toBeNull();
  });
});

describe('formatBytes', () => {
  it('uses powers of 1024 with one decimal', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GB');
  });
});
