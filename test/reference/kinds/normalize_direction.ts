import { disposeParams } from '../../../src/engine/landscape/combine';
import { normalizeDirection, type Normalization } from '../../../src/engine/landscape/normalize';
import { firstMismatch, toTensorMap, type NamedJsonTensor, type Tolerance } from '../util';

interface NormalizeFixture {
  name: string;
  params: NamedJsonTensor[];
  direction: NamedJsonTensor[];
  normalization: Normalization;
  ignore_bias_bn: boolean;
  expected: { direction: NamedJsonTensor[] };
  tolerance: Tolerance;
}

/** Li et al. normalisation of `direction` against `params`, compared tensor by tensor. */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as NormalizeFixture;
  const params = toTensorMap(f.params);
  const direction = toTensorMap(f.direction);
  const got = normalizeDirection(direction, params, {
    normalization: f.normalization,
    ignoreBiasBn: f.ignore_bias_bn,
  });
  try {
    for (const want of f.expected.direction) {
      const t = got[want.name];
      if (!t) throw new Error(`${f.name}: no output tensor ${want.name}`);
      if (t.shape.join() !== want.shape.join()) {
        throw new Error(`${f.name}: ${want.name} shape [${t.shape}] != [${want.shape}]`);
      }
      const bad = firstMismatch(await t.data(), want.data, f.tolerance);
      if (bad) throw new Error(`${f.name}: ${want.name} ${bad}`);
    }
    const extra = Object.keys(got).filter((k) => !f.expected.direction.some((w) => w.name === k));
    if (extra.length > 0) throw new Error(`${f.name}: unexpected tensors ${extra.join(', ')}`);
  } finally {
    [params, direction, got].forEach(disposeParams);
  }
}
