import { disposeParams } from '../../../src/engine/landscape/combine';
import { interpolate } from '../../../src/engine/landscape/surface';
import { toTensorMap, type NamedJsonTensor } from '../util';
import { evalSetup, expectValues, type EvalFixture } from './loss_at';

interface InterpolateFixture extends EvalFixture {
  params_b: NamedJsonTensor[];
  alphas: number[];
  expected: { loss: number[]; accuracy: number[] };
}

/** Eval-mode loss and accuracy at (1 − α)·A + α·B for each α (A = `params`, B = `params_b`). */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as InterpolateFixture;
  const s = evalSetup(f);
  const b = toTensorMap(f.params_b);
  try {
    // The reference has one split: evaluate it in both slots and compare the train one.
    const r = await interpolate(s.params, b, f.alphas, { train: s.evalFn, test: s.evalFn });
    expectValues(f.name, 'alpha', r.alpha, f.alphas, { rtol: 0, atol: 0 });
    expectValues(f.name, 'loss', r.trainLoss, f.expected.loss, f.tolerance);
    expectValues(f.name, 'accuracy', r.trainAcc, f.expected.accuracy, f.tolerance);
    expectValues(f.name, 'test-slot loss', r.testLoss, f.expected.loss, f.tolerance);
  } finally {
    disposeParams(b);
    s.dispose();
  }
}
