/**
 * Fixtures the landscape tests share — FOR TESTS ONLY: a zoo model with its initial weights and
 * two filter-normalised directions, small random train/test sets, and the toy diagonal quadratic
 * whose Hessian the sharpness and curvature tests know in closed form.
 */
import * as tf from '@tensorflow/tfjs';
import { evaluate } from '../../evaluate';
import { initModel } from '../../model/init';
import { MODEL_ZOO, type ZooModelId } from '../../model/zoo';
import type { ModelSpec, ModelState, Params } from '../../types';
import type { EvalSets } from '../batched/evaluate';
import { disposeParams } from '../combine';
import { filterNormalizedDirection } from '../directions';
import type { EvalFns } from '../points';

/** Weights w, BatchNorm state and two directions d1, d2 shaped like w. */
export interface ModelWithPlane {
  spec: ModelSpec;
  params: Params;
  state: ModelState;
  d1: Params;
  d2: Params;
}

export interface GridSetup extends ModelWithPlane {
  /** `n` random 28×28×1 images ([n, 28, 28, 1]) and labels ([n]) per split. */
  sets: EvalSets;
}

/** A zoo model (seed 3) with Li et al.'s directions (seeds 11, 12) and `n` images per split. */
export function gridSetup(id: ZooModelId, n: number): GridSetup {
  const spec = MODEL_ZOO[id].spec([28, 28, 1]);
  const { params, state } = initModel(spec, 3);
  const set = (seed: number) => ({
    x: tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', seed) as tf.Tensor4D,
    y: tf.randomUniform([n], 0, 10, 'int32', seed + 1) as tf.Tensor1D,
  });
  const sets = { train: set(20), test: set(30) };
  const d1 = filterNormalizedDirection(params, 11);
  const d2 = filterNormalizedDirection(params, 12);
  return { spec, params, state, d1, d2, sets };
}

export function disposeGridSetup(s: GridSetup): void {
  [s.params, s.state, s.d1, s.d2].forEach(disposeParams);
  tf.dispose([s.sets.train.x, s.sets.train.y, s.sets.test.x, s.sets.test.y]);
}

/** Per-point evaluation of the setup's sets; `onTrain` sees each training evaluation. */
export function perPointFns(s: GridSetup, onTrain: () => void = () => {}): EvalFns {
  return {
    train: (p) => (onTrain(), evaluate(s.spec, p, s.state, s.sets.train.x, s.sets.train.y)),
    test: (p) => evaluate(s.spec, p, s.state, s.sets.test.x, s.sets.test.y),
  };
}

/** The toy's tensors: a [2, 3] kernel and a [4] bias (10 weights). */
export const TOY_SHAPES: Record<string, number[]> = {
  'layer0/kernel': [2, 3],
  'layer0/bias': [4],
};
/** The toy's diagonal Hessian; λ_max = 12 (in the bias), well separated from 4. */
export const TOY_H = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 12, 0.25];

/** Builds a map with the given shapes from one flat array (key order). */
export function fromFlat(values: number[], shapes: Record<string, number[]> = TOY_SHAPES): Params {
  const p: Params = {};
  let off = 0;
  for (const [n, s] of Object.entries(shapes)) {
    const size = s.reduce((a, b) => a * b, 1);
    p[n] = tf.tensor(values.slice(off, off + size), s);
    off += size;
  }
  return p;
}

/** The value of a scalar tensor, which it disposes. */
export async function scalar(t: tf.Scalar): Promise<number> {
  const v = (await t.data())[0]!;
  t.dispose();
  return v;
}

/** Every value of a map, in key order. */
export async function flat(p: Params): Promise<number[]> {
  const out: number[] = [];
  for (const t of Object.values(p)) out.push(...(await t.data()));
  return out;
}

/**
 * Options that cancel a run at its n-th progress report, and count the reports (`calls()`): the
 * run must report progress before it checks for cancellation.
 */
export function cancelAfter(n: number) {
  let calls = 0;
  return {
    onProgress: () => void calls++,
    isCancelled: () => calls >= n,
    calls: () => calls,
  };
}
