import { disposeParams } from '../../../src/engine/landscape/combine';
import { curvatureMap } from '../../../src/engine/landscape/curvature-map';
import { modelHvp } from '../../../src/engine/tangent/hvp';
import { toTensorMap, type NamedJsonTensor } from '../util';
import { evalSetup, type EvalFixture } from './loss_at';

interface CurvatureFixture extends Omit<EvalFixture, 'tolerance'> {
  directions: [NamedJsonTensor[], NamedJsonTensor[]];
  axis: number[];
  /** Rows indexed by b, columns by a (as the engine's map). */
  expected: { lambda_min: number[][]; lambda_max: number[][] };
  tolerance: { scale_rtol: number };
}

/**
 * Li et al.'s convexity map: λ_min and λ_max at every w + a·d1 + b·d2 of the fixture's grid, from
 * the engine's Lanczos over exact Hessian-vector products, against eigvalsh of the float64 dense
 * Hessian. Each must be within the fixture's tolerance (or 1%) of max(|λ_min|, |λ_max|) there.
 */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as CurvatureFixture;
  const s = evalSetup({ ...f, tolerance: { rtol: 0, atol: 0 } });
  const [d1, d2] = f.directions.map((d) => toTensorMap(d));
  try {
    const hvp = modelHvp(f.model, s.state, s.x, s.y);
    const dim = Object.values(s.params).reduce((n, t) => n + t.size, 0);
    const map = await curvatureMap(hvp, s.params, d1!, d2!, f.axis, f.axis, {
      seed: 1,
      maxIter: dim,
      tol: 1e-5,
    });
    const rtol = Math.min(f.tolerance.scale_rtol, 0.01);
    const lines: string[] = [];
    f.axis.forEach((_b, j) =>
      f.axis.forEach((_a, i) => {
        const want = [f.expected.lambda_min[j]![i]!, f.expected.lambda_max[j]![i]!];
        const got = [map.lambdaMin[j]![i]!, map.lambdaMax[j]![i]!];
        const scale = Math.max(...want.map(Math.abs));
        const at = `(${j}, ${i}): λ_min ${got[0]} (want ${want[0]}), λ_max ${got[1]} (want ${want[1]}), ${map.iterations[j]![i]} products`;
        lines.push(at);
        if (got.some((g, k) => !(Math.abs(g - want[k]!) <= rtol * scale))) {
          throw new Error(`${f.name}: point ${at}`);
        }
      }),
    );
    console.log(`${f.name}:\n  ${lines.join('\n  ')}`);
  } finally {
    disposeParams(d1!);
    disposeParams(d2!);
    s.dispose();
  }
}
