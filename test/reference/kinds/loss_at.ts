import * as tf from '@tensorflow/tfjs';
import { evaluate } from '../../../src/engine/evaluate';
import { disposeParams } from '../../../src/engine/landscape/combine';
import { lossAt, type EvalFn } from '../../../src/engine/landscape/points';
import { grid2d } from '../../../src/engine/landscape/surface';
import type { ModelSpec, ModelState, Params } from '../../../src/engine/types';
import { firstMismatch, toTensor, toTensorMap } from '../util';
import type { JsonTensor, NamedJsonTensor, Tolerance } from '../util';

/** The parts shared by the fixtures that evaluate a model over all of `data`. */
export interface EvalFixture {
  name: string;
  model: ModelSpec;
  params: NamedJsonTensor[];
  state: NamedJsonTensor[];
  data: { x: JsonTensor; y: number[] };
  tolerance: Tolerance;
}

interface LossAtFixture extends EvalFixture {
  directions: [NamedJsonTensor[], NamedJsonTensor[]];
  coords: [number, number][];
  expected: { loss: number[]; accuracy: number[] };
}

/** The model, its state and data as tensors, with an eval-mode EvalFn over all of `data`. */
export interface EvalSetup {
  params: Params;
  state: ModelState;
  x: tf.Tensor4D;
  y: tf.Tensor1D;
  evalFn: EvalFn;
  dispose: () => void;
}

export function evalSetup(f: EvalFixture): EvalSetup {
  const params = toTensorMap(f.params);
  const state = toTensorMap(f.state);
  const x = toTensor(f.data.x) as tf.Tensor4D;
  const y = tf.tensor1d(f.data.y, 'int32');
  const evalFn: EvalFn = (p) => evaluate(f.model, p, state, x, y);
  const dispose = () => {
    disposeParams(params);
    disposeParams(state);
    tf.dispose([x, y]);
  };
  return { params, state, x, y, evalFn, dispose };
}

/** Throws a descriptive error when a metric list is off the expected one. */
export function expectValues(
  fixture: string,
  what: string,
  got: number[],
  want: number[],
  tol: Tolerance,
): void {
  const bad = firstMismatch(got, want, tol);
  if (bad) throw new Error(`${fixture}: ${what} ${bad} (got ${JSON.stringify(got)})`);
}

/**
 * Eval-mode loss and accuracy at w + a·d1 + b·d2 for each [a, b] of `coords`, through the app's
 * grid path (grid2d over the distinct a and b values, then looked up) and, for the first point,
 * through the single-point path (lossAt) as well.
 */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as LossAtFixture;
  const s = evalSetup(f);
  const dirs = f.directions.map((d) => toTensorMap(d));
  try {
    const as = [...new Set(f.coords.map((c) => c[0]))];
    const bs = [...new Set(f.coords.map((c) => c[1]))];
    const evalFns = { train: s.evalFn, test: s.evalFn };
    const grid = await grid2d(s.params, dirs[0]!, dirs[1]!, as, bs, evalFns);
    const at = (m: number[][], [a, b]: [number, number]) => m[bs.indexOf(b)]![as.indexOf(a)]!;
    const loss = f.coords.map((c) => at(grid.trainLoss, c));
    const acc = f.coords.map((c) => at(grid.trainAcc, c));
    expectValues(f.name, 'loss', loss, f.expected.loss, f.tolerance);
    expectValues(f.name, 'accuracy', acc, f.expected.accuracy, f.tolerance);
    const one = await lossAt(s.params, dirs, f.coords[0]!, s.evalFn);
    expectValues(f.name, 'lossAt loss', [one.loss], f.expected.loss.slice(0, 1), f.tolerance);
    expectValues(
      f.name,
      'lossAt accuracy',
      [one.accuracy],
      f.expected.accuracy.slice(0, 1),
      f.tolerance,
    );
  } finally {
    dirs.forEach(disposeParams);
    s.dispose();
  }
}
