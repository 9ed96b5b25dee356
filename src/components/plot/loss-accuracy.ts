/**
 * Plots of loss and accuracy along one coordinate (the slice's t, θ(α)'s α): loss on the left
 * axis, accuracy (0–100 %) on the right, train and test in their colours.
 */
import type { Data } from 'plotly.js';
import { axis, COLORS } from './theme';

/** The four curves' values at each x (loss may hold nulls where it was clipped away). */
export interface LossAccuracy {
  trainLoss: ReadonlyArray<number | null>;
  testLoss: ReadonlyArray<number | null>;
  trainAcc: readonly number[];
  testAcc: readonly number[];
}

function line(
  name: string,
  x: readonly number[],
  y: ReadonlyArray<number | null>,
  color: string,
  acc: boolean,
): Data {
  return {
    type: 'scatter',
    mode: 'lines',
    name,
    x: [...x],
    y: [...y],
    yaxis: acc ? 'y2' : 'y',
    line: { color, width: acc ? 1.5 : 2.5, dash: acc ? 'dot' : 'solid' },
    hovertemplate: acc ? '%{y:.1%}' : '%{y:.4f}',
  };
}

/** Train and test loss (solid, left axis), train and test accuracy (dotted, right axis). */
export function lossAccuracyTraces(x: readonly number[], v: LossAccuracy): Data[] {
  return [
    line('Train loss', x, v.trainLoss, COLORS.train, false),
    line('Test loss', x, v.testLoss, COLORS.test, false),
    line('Train accuracy', x, v.trainAcc, COLORS.train, true),
    line('Test accuracy', x, v.testAcc, COLORS.test, true),
  ];
}

/** The right-hand accuracy axis, 0–100 %, over the loss axis. */
export function accuracyAxis() {
  return axis('Accuracy', {
    overlaying: 'y',
    side: 'right',
    range: [0, 1],
    // Fixed quarter ticks: by default Plotly aligns them with the loss axis (odd 19%, 38%, …).
    tickmode: 'linear',
    tick0: 0,
    dtick: 0.25,
    tickformat: '.0%',
    showgrid: false,
  });
}
