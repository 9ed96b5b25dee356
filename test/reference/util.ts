import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { TensorMap } from '../../src/engine/types';

/** A tensor as stored in the fixtures: row-major data in TF.js layout. */
export interface JsonTensor {
  shape: number[];
  data: number[];
}
export interface NamedJsonTensor extends JsonTensor {
  name: string;
}
export interface Tolerance {
  rtol: number;
  atol: number;
}

/** The fixture folder: the project's copy, or $REFERENCE_FIXTURES_DIR when set. */
export function fixturesDir(): string {
  return process.env.REFERENCE_FIXTURES_DIR ?? path.resolve(__dirname, '../fixtures/reference');
}

export function listFixtures(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function toTensor(t: JsonTensor): tf.Tensor {
  return tf.tensor(t.data, t.shape, 'float32');
}

/** Named list → TensorMap, keeping the fixture's order (the canonical parameter order). */
export function toTensorMap(list: NamedJsonTensor[]): TensorMap {
  const out: TensorMap = {};
  for (const t of list) out[t.name] = toTensor(t);
  return out;
}

/** |got - want| <= atol + rtol * |want| elementwise; returns the first violation or null. */
export function firstMismatch(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: Tolerance,
): string | null {
  if (got.length !== want.length) return `length ${got.length} != ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (!(Math.abs(g - w) <= tol.atol + tol.rtol * Math.abs(w))) {
      return `index ${i}: got ${g}, want ${w}`;
    }
  }
  return null;
}
