import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropy } from '../../../src/engine/loss';
import { apply } from '../../../src/engine/model/apply';
import { disposeParams } from '../../../src/engine/landscape/combine';
import { hessianTopEigen, hessianTrace, type LossFn } from '../../../src/engine/landscape/hessian';
import { evalSetup, type EvalFixture } from './loss_at';

interface HessianFixture extends Omit<EvalFixture, 'tolerance'> {
  expected: { lambda_max: number; lambda_min: number; trace: number; dimension: number };
  tolerance: { lambda_max_rtol: number; trace_rtol: number };
}

function within(got: number, want: number, rtol: number): boolean {
  return Math.abs(got - want) <= rtol * Math.abs(want);
}

/** λ_max (power iteration) and trace (Hutchinson) of the eval-mode Hessian over all of `data`. */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as HessianFixture;
  const s = evalSetup({ ...f, tolerance: { rtol: 0, atol: 0 } });
  const lossFn: LossFn = (p) =>
    tf.tidy(() => softmaxCrossEntropy(apply(f.model, p, s.state, s.x, 'eval').logits, s.y));
  const dim = Object.values(s.params).reduce((n, t) => n + t.size, 0);
  let vector: Parameters<typeof disposeParams>[0] | undefined;
  try {
    if (dim !== f.expected.dimension) throw new Error(`${f.name}: dimension ${dim}`);
    const eig = await hessianTopEigen(lossFn, s.params, { seed: 1, maxIter: 200, tol: 1e-6 });
    vector = eig.vector;
    const tr = await hessianTrace(lossFn, s.params, { seed: 2, samples: 100, deflate: eig });
    const msg = `λ_max ${eig.value} (${eig.iterations} it., want ${f.expected.lambda_max}), trace ${tr.trace} ± ${tr.stdError} (want ${f.expected.trace})`;
    if (!within(eig.value, f.expected.lambda_max, f.tolerance.lambda_max_rtol)) {
      throw new Error(`${f.name}: ${msg}`);
    }
    if (!within(tr.trace, f.expected.trace, f.tolerance.trace_rtol)) {
      throw new Error(`${f.name}: ${msg}`);
    }
  } finally {
    if (vector) disposeParams(vector);
    s.dispose();
  }
}
