import * as tf from '@tensorflow/tfjs';
import { recomputeBatchNorm } from '../../../src/engine';
import { toTensor, toTensorMap, type NamedJsonTensor } from '../util';
import { batchOf, expectTensorMap, type ModelFixture } from './train_steps';

interface BnRecomputeFixture extends ModelFixture {
  batches: number[][];
  expected: { state: NamedJsonTensor[] };
}

/** Recomputes the BatchNorm statistics over `batches` and compares them with `expected.state`. */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as BnRecomputeFixture;
  const x = toTensor(f.data.x);
  const params = toTensorMap(f.params);
  const batches = f.batches.map((idx) => batchOf(x, f.data.y, idx));
  const state = recomputeBatchNorm(
    f.model,
    params,
    batches.map((b) => b.x),
  );
  try {
    await expectTensorMap('state', state, f.expected.state, f.tolerance);
  } finally {
    tf.dispose([x, ...Object.values(params), ...Object.values(state)]);
    tf.dispose(batches.flatMap((b) => [b.x, b.y]));
  }
}
