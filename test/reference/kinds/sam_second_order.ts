import { createOptimizer, makeLossAndGrad, samUpdates, cosineOf } from '../../../src/engine';
import { disposeParams } from '../../../src/engine/landscape/combine';
import type { Params } from '../../../src/engine/types';
import type { NamedJsonTensor } from '../util';
import { evalSetup, type EvalFixture } from './loss_at';
import { expectTensorMap } from './train_steps';

interface SamFixture extends EvalFixture {
  rho: number;
  lr: number;
  expected: {
    first_order: NamedJsonTensor[];
    second_order: NamedJsonTensor[];
    cosine: number;
    first_order_inf: NamedJsonTensor[];
    second_order_inf: NamedJsonTensor[];
    step_inf: NamedJsonTensor[];
  };
}

/** Float32 cosine of float64 gradients whose cosine is near 1: absolute. */
const COSINE_ATOL = 1e-5;

/** The p = ∞ SAM step with SGD (lr, no momentum) on the whole batch; new weights. */
function stepInf(f: SamFixture, params: Params, lag: ReturnType<typeof makeLossAndGrad>) {
  const opt = createOptimizer({
    type: 'sam',
    base: { type: 'sgd', lr: f.lr },
    rho: f.rho,
    p: 'inf',
  });
  const st = opt.init(params);
  const out = opt.step(params, st, lag);
  opt.disposeState(st);
  opt.disposeState(out.optState);
  disposeParams(out.modelState);
  out.loss.dispose();
  return out.params;
}

/**
 * SAM's gradients on the fixture's batch in train mode (BatchNorm with batch statistics): the
 * first-order g_SAM and the second-order g_SAM + (dε̂/dw)ᵀg_SAM for p = 2 and p = ∞, their
 * cosine, and one p = ∞ step — against PyTorch's autograd through ε̂(w) in float64.
 */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as SamFixture;
  const s = evalSetup(f);
  const lag = makeLossAndGrad(f.model, s.state, { x: s.x, y: s.y });
  const held: Params[] = [];
  try {
    const two = samUpdates(s.params, lag, { rho: f.rho });
    held.push(two.firstOrder, two.secondOrder);
    await expectTensorMap(
      `${f.name} first order`,
      two.firstOrder,
      f.expected.first_order,
      f.tolerance,
    );
    await expectTensorMap(
      `${f.name} second order`,
      two.secondOrder,
      f.expected.second_order,
      f.tolerance,
    );
    const cos = await cosineOf(two.firstOrder, two.secondOrder);
    if (!(Math.abs(cos - f.expected.cosine) <= COSINE_ATOL)) {
      throw new Error(`${f.name}: cosine ${cos}, want ${f.expected.cosine}`);
    }
    const inf = samUpdates(s.params, lag, { rho: f.rho, p: 'inf' });
    held.push(inf.firstOrder, inf.secondOrder);
    const e = f.expected;
    await expectTensorMap(
      `${f.name} p=inf first order`,
      inf.firstOrder,
      e.first_order_inf,
      f.tolerance,
    );
    await expectTensorMap(
      `${f.name} p=inf second order`,
      inf.secondOrder,
      e.second_order_inf,
      f.tolerance,
    );
    const stepped = stepInf(f, s.params, lag);
    held.push(stepped);
    await expectTensorMap(`${f.name} p=inf step`, stepped, e.step_inf, f.tolerance);
    console.log(`${f.name}: cosine ${cos} (PyTorch ${f.expected.cosine})`);
  } finally {
    held.forEach((p) => disposeParams(p));
    s.dispose();
  }
}
