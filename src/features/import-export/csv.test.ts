import { describe, expect, it } from 'vitest';
import { createMetricsBus } from '../../app/metrics-bus';
import { curvesCsv, gridCsv, sliceCsv } from './csv';

describe('CSV exports', () => {
  it('writes the grid in long format with rows indexed by b', () => {
    const csv = gridCsv({
      a: [-1, 1],
      b: [0, 2],
      trainLoss: [
        [1, 2],
        [3, 4],
      ],
      testLoss: [
        [5, 6],
        [7, 8],
      ],
      trainAcc: [
        [0.1, 0.2],
        [0.3, 0.4],
      ],
      testAcc: [
        [0.5, 0.6],
        [0.7, 0.8],
      ],
      elapsedMs: 1,
    });
    expect(csv.trim().split('\n')).toEqual([
      'a,b,train_loss,test_loss,train_acc,test_acc',
      '-1,0,1,5,0.1,0.5',
      '1,0,2,6,0.2,0.6',
      '-1,2,3,7,0.3,0.7',
      '1,2,4,8,0.4,0.8',
    ]);
  });

  it('keeps every digit of the slice and names runs in the curves', () => {
    const slice = { t: [0.1], trainLoss: [1 / 3], testLoss: [2], trainAcc: [0], testAcc: [NaN] };
    expect(sliceCsv(slice).split('\n')[1]).toBe(`0.1,${1 / 3},2,0,NaN`);
    const bus = createMetricsBus();
    bus.series(0, { key: 'k', name: 'SGD "a"', color: '#000', final: true });
    bus.emit(0, 'k', [
      { kind: 'step', step: 1, epoch: 1, loss: 2.5, lr: 0.1, totalSteps: 1, elapsedMs: 1 },
      { kind: 'epoch', epoch: 1, step: 1, trainLoss: 1, trainAcc: 0.5, testLoss: 2, testAcc: 0.25 },
    ]);
    expect(curvesCsv(bus.history()).trim().split('\n').slice(1)).toEqual([
      '"SGD ""a""",step,1,1,2.5,0.1,,,,',
      '"SGD ""a""",epoch,1,1,,,1,2,0.5,0.25',
    ]);
  });
});
