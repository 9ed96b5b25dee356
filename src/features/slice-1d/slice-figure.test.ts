import { describe, expect, it } from 'vitest';
import type { SliceResult } from '../../domain/api';
import { sliceClipNote, sliceLayout, sliceMarkerData, sliceTraces } from './slice-figure';

const slice = {
  t: [-1, 0, 1],
  trainLoss: [2, 0.5, 3],
  testLoss: [2.5, 0.7, 3.5],
  trainAcc: [0.5, 0.9, 0.4],
  testAcc: [0.45, 0.85, 0.35],
} as unknown as SliceResult;

const point = { t: 1, trainLoss: 3, trainAcc: 0.4, testLoss: 3.5, testAcc: 0.35, predicted: [] };

describe('slice figure', () => {
  it('puts the line at the slider and the dot on the curve once its value has arrived', () => {
    expect(sliceMarkerData(slice, { t: 0.5, value: null })).toEqual({ dot: null, lineT: 0.5 });
    const moved = sliceMarkerData(slice, { t: 0.5, value: point });
    expect(moved).toEqual({ dot: { t: 1, loss: 3 }, lineT: 0.5 });
    const nan = sliceMarkerData(slice, { t: 1, value: { ...point, trainLoss: NaN } });
    expect(nan.dot).toBeNull();
  });

  it('has the four curves and no marker traces or shapes: moving the probe never replots', () => {
    const names = sliceTraces(slice).map((t) => (t as { name: string }).name);
    expect(names).toEqual(['Train loss', 'Test loss', 'Train accuracy', 'Test accuracy']);
    expect(sliceLayout(1).shapes).toBeUndefined();
  });

  it('draws a slice with an infinite loss clipped, with a note', () => {
    const diverged: SliceResult = {
      t: [-1, 0, 1],
      trainLoss: [1, 0.5, Number.POSITIVE_INFINITY],
      testLoss: [1, 0.6, 2],
      trainAcc: [0.5, 0.9, 0],
      testAcc: [0.5, 0.8, 0],
    };
    const y = (sliceTraces(diverged)[0] as { y: unknown[] }).y;
    expect(y).toEqual([1, 0.5, 10]);
    expect(sliceClipNote(diverged)).toMatch(/^Values above 10\.0 clipped \(1 not finite\)/);
    expect(sliceClipNote({ ...diverged, trainLoss: [1, 0.5, 2] })).toBeNull();
  });
});
