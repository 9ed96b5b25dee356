import * as tf from '@tensorflow/tfjs';
import { disposeParams } from '../../../src/engine/landscape/combine';
import { softmaxCrossEntropy } from '../../../src/engine/loss';
import { apply } from '../../../src/engine/model/apply';
import { modelHvp } from '../../../src/engine/tangent/hvp';
import { makeLossAndGrad } from '../../../src/engine/train/loss-and-grad';
import type { Params } from '../../../src/engine/types';
import { toTensorMap, type NamedJsonTensor } from '../util';
import { evalSetup, expectValues, type EvalFixture } from './loss_at';

interface ModelGradFixture extends EvalFixture {
  direction: NamedJsonTensor[];
  expected: {
    logits: number[];
    loss: number;
    grad: NamedJsonTensor[];
    hvp: NamedJsonTensor[];
    train: { loss: number; grad: NamedJsonTensor[]; state: NamedJsonTensor[] };
  };
}

/** Compares a tensor map with the fixture's list, name by name (and no name more or less). */
async function expectMap(f: ModelGradFixture, what: string, got: Params, want: NamedJsonTensor[]) {
  const names = want.map((t) => t.name);
  if (Object.keys(got).join() !== names.join()) {
    throw new Error(`${f.name}: ${what} names ${Object.keys(got).join()} != ${names.join()}`);
  }
  for (const t of want) {
    expectValues(
      f.name,
      `${what} ${t.name}`,
      Array.from(await got[t.name]!.data()),
      t.data,
      f.tolerance,
    );
  }
}

/**
 * The engine's forward pass (`apply`, eval mode), the eval-mode loss gradient, the train-mode
 * loss, gradient and moving statistics (`makeLossAndGrad`, as a training step takes them) and
 * the exact Hessian-vector product (`modelHvp`) against PyTorch's float64 values.
 */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as ModelGradFixture;
  const s = evalSetup(f);
  const v = toTensorMap(f.direction);
  const owned: Params[] = [v];
  try {
    const logits = apply(f.model, s.params, s.state, s.x, 'eval').logits;
    expectValues(f.name, 'logits', Array.from(await logits.data()), f.expected.logits, f.tolerance);
    logits.dispose();
    const trainFn = makeLossAndGrad(f.model, s.state, { x: s.x, y: s.y });
    const names = Object.keys(s.params);
    const evalGrads = tf.tidy(() =>
      tf.grads((...ws: tf.Tensor[]) => {
        const p: Params = {};
        names.forEach((n, i) => (p[n] = ws[i]!));
        return softmaxCrossEntropy(apply(f.model, p, s.state, s.x, 'eval').logits, s.y);
      })(names.map((n) => s.params[n]!)),
    );
    const grad: Params = {};
    names.forEach((n, i) => (grad[n] = evalGrads[i]!));
    owned.push(grad);
    await expectMap(f, 'eval gradient', grad, f.expected.grad);
    const train = trainFn(s.params, { updateState: true });
    owned.push(train.grads, train.state ?? {});
    const trainLoss = (await train.loss.data())[0]!;
    train.loss.dispose();
    expectValues(f.name, 'train loss', [trainLoss], [f.expected.train.loss], f.tolerance);
    await expectMap(f, 'train gradient', train.grads, f.expected.train.grad);
    await expectMap(f, 'train moving statistics', train.state ?? {}, f.expected.train.state);
    const hv = modelHvp(f.model, s.state, s.x, s.y)(s.params, v);
    owned.push(hv);
    await expectMap(f, 'Hessian-vector product', hv, f.expected.hvp);
    const logitsMsg = `logits, gradients, moving statistics and H·v within rtol ${f.tolerance.rtol}`;
    console.log(`${f.name}: ${logitsMsg}`);
  } finally {
    owned.forEach(disposeParams);
    s.dispose();
  }
}
