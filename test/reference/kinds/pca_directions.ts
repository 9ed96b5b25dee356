import * as tf from '@tensorflow/tfjs';
import { disposeParams, dotParams, normParams } from '../../../src/engine/landscape/combine';
import { pcaDirections } from '../../../src/engine/landscape/pca';
import type { Params } from '../../../src/engine/types';
import { toTensorMap, type NamedJsonTensor } from '../util';

interface PcaFixture {
  name: string;
  checkpoints: NamedJsonTensor[][];
  /** Rows include the final checkpoint's zero row (Li et al.'s code); absent: they do not. */
  include_final?: boolean;
  expected: { explained_variance_ratio: [number, number]; components: NamedJsonTensor[][] };
  tolerance: { abs_cosine_min: number; evr_atol: number };
}

/** |cos(x, y)| over all tensors together. */
async function absCosine(x: Params, y: Params): Promise<number> {
  const c = tf.tidy(() => tf.abs(tf.div(dotParams(x, y), tf.mul(normParams(x), normParams(y)))));
  const v = (await c.data())[0]!;
  c.dispose();
  return v;
}

/** Top-2 PCA components of a trajectory (up to sign) and their explained variance ratios. */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as PcaFixture;
  const checkpoints = f.checkpoints.map((c) => toTensorMap(c));
  const want = f.expected.components.map((c) => toTensorMap(c));
  // `pca_directions` leaves the final checkpoint's zero row out (the fixtures' README);
  // `pca_directions_li` keeps it, as Li et al.'s plot_trajectory.py and the app do.
  const got = await pcaDirections(checkpoints, { includeFinal: f.include_final ?? false });
  try {
    for (let k = 0; k < 2; k++) {
      const evr = got.explainedVarianceRatio[k]!;
      const evrWant = f.expected.explained_variance_ratio[k]!;
      if (!(Math.abs(evr - evrWant) <= f.tolerance.evr_atol)) {
        throw new Error(`${f.name}: explained variance ratio ${k}: got ${evr}, want ${evrWant}`);
      }
      const cos = await absCosine(got.components[k]!, want[k]!);
      if (!(cos >= f.tolerance.abs_cosine_min)) {
        throw new Error(
          `${f.name}: component ${k}: |cosine| ${cos} < ${f.tolerance.abs_cosine_min}`,
        );
      }
    }
  } finally {
    [...checkpoints, ...want, ...got.components].forEach(disposeParams);
  }
}
