import * as tf from '@tensorflow/tfjs';
import type { CurveKind } from '../../../src/domain/api-connect';
import { curveStep, type CurveState } from '../../../src/engine/connect';
import { sgd, type SgdState } from '../../../src/engine/optim/sgd';
import { disposeTensors } from '../../../src/engine/optim/tensors';
import type { ModelSpec } from '../../../src/engine/types';
import {
  firstMismatch,
  toTensor,
  toTensorMap,
  type JsonTensor,
  type NamedJsonTensor,
  type Tolerance,
} from '../util';
import { expectTensorMap } from './train_steps';

interface CurveFixture {
  name: string;
  curve: CurveKind;
  model: ModelSpec;
  w1: NamedJsonTensor[];
  w2: NamedJsonTensor[];
  theta: NamedJsonTensor[];
  state: NamedJsonTensor[];
  data: { x: JsonTensor; y: number[] };
  optimizer: { lr: number; momentum: number; weight_decay: number };
  steps: number[];
  expected: { losses: number[]; theta: NamedJsonTensor[] };
  tolerance: Tolerance;
}

/**
 * SGD steps of a curve's bend (Garipov et al. 2018) at the fixture's t, one per step, on its
 * batch: the loss at φ(t) before each step and the bend after the last, against PyTorch autograd.
 */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as CurveFixture;
  const ends = { w1: toTensorMap(f.w1), w2: toTensorMap(f.w2) };
  const state = toTensorMap(f.state);
  const batch = { x: toTensor(f.data.x) as tf.Tensor4D, y: tf.tensor1d(f.data.y, 'int32') };
  const problem = {
    spec: f.model,
    state,
    ends,
    kind: f.curve,
    weightDecay: f.optimizer.weight_decay,
  };
  const opt = sgd({ lr: f.optimizer.lr, momentum: f.optimizer.momentum });
  const theta = toTensorMap(f.theta);
  let curve: CurveState<SgdState> = { theta, optState: opt.init(theta) };
  try {
    const losses: number[] = [];
    for (const t of f.steps) {
      const out = curveStep(problem, opt, curve, t, batch, f.optimizer.lr);
      curve = out.curve;
      losses.push((await out.loss.data())[0]!);
      out.loss.dispose();
    }
    const bad = firstMismatch(losses, f.expected.losses, f.tolerance);
    if (bad) throw new Error(`${f.name}: losses ${bad}`);
    await expectTensorMap(`${f.name} theta`, curve.theta, f.expected.theta, f.tolerance);
  } finally {
    disposeTensors(curve.theta, ends.w1, ends.w2, state);
    opt.disposeState(curve.optState);
    tf.dispose([batch.x, batch.y]);
  }
}
