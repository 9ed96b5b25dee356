/** RunInfo fixtures for the store's and the analysis panels' unit tests. */
import type { OptimizerId, RunInfo, TrainConfig } from '../../domain/api';
import { DEFAULT_TRAIN } from '../defaults';

/** A finished run of 3 epochs (4 checkpoints); SWA and WASAM runs have averaged weights. */
export function makeRun(
  id: string,
  optimizer: OptimizerId,
  patch: Partial<TrainConfig> = {},
  extra: Partial<RunInfo> = {},
): RunInfo {
  const averaged = optimizer === 'swa' || optimizer === 'wasam';
  return {
    id,
    name: optimizer.toUpperCase(),
    color: '#123456',
    config: { ...DEFAULT_TRAIN, optimizer, ...patch },
    summary: {
      runId: id,
      status: 'finished',
      steps: 10,
      epochs: 3,
      elapsedMs: 100,
      stepsPerSecond: 100,
      final: { trainLoss: 0.2, trainAcc: 0.95, testLoss: 0.3, testAcc: 0.9 },
      ...(averaged
        ? {
            averaged: {
              nAveraged: 2,
              trainLoss: 0.1,
              trainAcc: 0.97,
              testLoss: 0.25,
              testAcc: 0.93,
            },
          }
        : {}),
    },
    hasAverage: averaged,
    checkpoints: 4,
    ...extra,
  };
}
