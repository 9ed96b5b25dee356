import * as tf from '@tensorflow/tfjs';
import { mSharpness } from '../../../src/engine/landscape/sharpness-m';
import { modelObjective } from '../../../src/engine/tangent/hvp';
import { firstMismatch } from '../util';
import { evalSetup, type EvalFixture } from './loss_at';

interface MSharpnessFixture extends EvalFixture {
  m: number;
  rho: number;
  steps: number;
  expected: { per_set: number[]; mean: number; first_order_mean: number };
}

/**
 * m-sharpness (Foret et al. 2021 §4.1) of the fixture's weights: the engine's worst-case ascent
 * on each of the n/m disjoint consecutive sets of m samples, eval mode, against PyTorch's.
 */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as MSharpnessFixture;
  const s = evalSetup(f);
  const k = Math.floor(s.x.shape[0] / f.m);
  const xs = tf.tidy(() => tf.split(tf.slice(s.x, 0, k * f.m), k)) as tf.Tensor4D[];
  const ys = tf.tidy(() => tf.split(tf.slice(s.y, 0, k * f.m), k)) as tf.Tensor1D[];
  try {
    const losses = xs.map((x, j) => modelObjective(f.model, s.state, x, ys[j]!).loss);
    const r = await mSharpness(losses, s.params, { m: f.m, rho: f.rho, steps: f.steps });
    const e = f.expected;
    const bad =
      firstMismatch(r.perSet, e.per_set, f.tolerance) ??
      firstMismatch(
        Float32Array.from([r.mean, r.firstOrderMean]),
        [e.mean, e.first_order_mean],
        f.tolerance,
      );
    if (bad) throw new Error(`m-sharpness: ${bad}`);
    if (r.sets !== e.per_set.length) throw new Error(`sets: ${r.sets} != ${e.per_set.length}`);
  } finally {
    tf.dispose([...xs, ...ys]);
    s.dispose();
  }
}
