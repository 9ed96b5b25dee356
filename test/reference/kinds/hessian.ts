import * as tf from '@tensorflow/tfjs';
import { evaluate } from '../../../src/engine/evaluate';
import { disposeParams } from '../../../src/engine/landscape/combine';
import { hessianLambdaMax, hessianTrace } from '../../../src/engine/landscape/hessian';
import { hessianTraceExact } from '../../../src/engine/landscape/hessian-basis';
import { modelHvp } from '../../../src/engine/tangent/hvp';
import { evalSetup, type EvalFixture } from './loss_at';

interface HessianFixture extends Omit<EvalFixture, 'tolerance'> {
  expected: {
    lambda_max: number;
    lambda_min: number;
    trace: number;
    dimension: number;
    /** Eval-mode loss at the point (optional): checks the fixture's layout against `evaluate`. */
    loss?: number;
  };
  tolerance: { lambda_max_rtol: number; trace_rtol: number };
}

/** Float32 evaluation of the float64 fixture's loss. */
const LOSS_RTOL = 1e-5;

/** Up to this many parameters the trace is summed exactly over a basis; Hutchinson beyond. */
const EXACT_TRACE_MAX_DIM = 1200;

function within(got: number, want: number, rtol: number): boolean {
  return Math.abs(got - want) <= rtol * Math.abs(want);
}

/**
 * λ_max (power iteration) and trace (exact over a basis for small models, else Hutchinson with
 * deflation) of the eval-mode Hessian over all of `data`, from the engine's exact
 * Hessian-vector products. The bar is the fixture's tolerance or 1% (λ_max) and 5% (trace),
 * whichever is stricter: with exact products only float32 rounding is left.
 */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as HessianFixture;
  const s = evalSetup({ ...f, tolerance: { rtol: 0, atol: 0 } });
  const hvp = modelHvp(f.model, s.state, s.x, s.y);
  const dim = Object.values(s.params).reduce((n, t) => n + t.size, 0);
  let vector: Parameters<typeof disposeParams>[0] | undefined;
  try {
    if (dim !== f.expected.dimension) throw new Error(`${f.name}: dimension ${dim}`);
    if (f.expected.loss !== undefined) {
      const r = evaluate(f.model, s.params, s.state, s.x, s.y);
      const loss = (await r.loss.data())[0]!;
      tf.dispose([r.loss, r.accuracy]);
      if (!within(loss, f.expected.loss, LOSS_RTOL)) {
        throw new Error(`${f.name}: eval loss ${loss}, want ${f.expected.loss}`);
      }
    }
    const eig = await hessianLambdaMax(hvp, s.params, { seed: 1, maxIter: 300, tol: 1e-7 });
    vector = eig.vector;
    const trace =
      dim <= EXACT_TRACE_MAX_DIM
        ? await hessianTraceExact(hvp, s.params)
        : (await hessianTrace(hvp, s.params, { seed: 2, samples: 300, deflate: eig })).trace;
    const msg = `λ_max ${eig.value} (${eig.iterations} it., want ${f.expected.lambda_max}), trace ${trace} (want ${f.expected.trace})`;
    if (!within(eig.value, f.expected.lambda_max, Math.min(f.tolerance.lambda_max_rtol, 0.01))) {
      throw new Error(`${f.name}: ${msg}`);
    }
    if (!within(trace, f.expected.trace, Math.min(f.tolerance.trace_rtol, 0.05))) {
      throw new Error(`${f.name}: ${msg}`);
    }
    console.log(`${f.name}: ${msg}`);
  } finally {
    if (vector) disposeParams(vector);
    s.dispose();
  }
}
