import { describe, expect, it } from 'vitest';
import { buildTraces, EPOCH_TRACES, STEP_TRACES, toColumns } from './curve-traces';
import type { TrainEvent } from '../../worker/api';

const events: TrainEvent[] = [
  { kind: 'plan', totalSteps: 4, stepsPerEpoch: 2, labelsChanged: 0 },
  { kind: 'step', step: 1, epoch: 1, loss: 2.3, lr: 0.05, totalSteps: 4, elapsedMs: 10 },
  { kind: 'step', step: 2, epoch: 1, loss: 1.9, lr: 0.05, totalSteps: 4, elapsedMs: 20 },
  {
    kind: 'epoch',
    epoch: 1,
    step: 2,
    trainLoss: 1.8,
    trainAcc: 0.4,
    testLoss: 1.9,
    testAcc: 0.38,
  },
];

describe('curve traces', () => {
  it('splits a batch into per-step and per-epoch columns', () => {
    const { steps, epochs } = toColumns(events);
    expect(steps).toEqual({ x: [[1, 2]], y: [[2.3, 1.9]] });
    expect(epochs.x).toEqual([[2], [2], [2], [2]]);
    expect(epochs.y).toEqual([[1.8], [1.9], [0.4], [0.38]]);
    expect(steps.x).toHaveLength(STEP_TRACES.length);
    expect(epochs.x).toHaveLength(EPOCH_TRACES.length);
  });

  it('builds all five traces from a history, empty or not', () => {
    expect(buildTraces([])).toHaveLength(5);
    const traces = buildTraces(events) as { x: number[]; y: number[] }[];
    expect(traces[0]).toMatchObject({ x: [1, 2], y: [2.3, 1.9] });
    expect(traces[2]).toMatchObject({ x: [2], y: [1.9] });
    expect(traces[4]).toMatchObject({ x: [2], y: [0.38] });
  });
});
