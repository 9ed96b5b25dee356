/**
 * A run's checkpoints as plain Float32Arrays, so they can leave the worker (to IndexedDB or a
 * file) and come back. Every array is one weights set flattened in canonical order: the tensors
 * of `paramShapes(spec)` (or `stateShapes(spec)` for BatchNorm statistics) one after another,
 * each row-major, so its length is `countParams(spec)` (or the state size).
 */
import * as tf from '@tensorflow/tfjs';
import { paramShapes, stateShapes } from '../engine/model/params';
import type { ModelSpec, TensorMap } from '../engine/types';
import type { RunWeights } from '../domain/run-export';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function entries(spec: ModelSpec, kind: 'params' | 'state') {
  return kind === 'params' ? paramShapes(spec) : stateShapes(spec);
}

/** Reads a weights set into one new Float32Array in canonical order (one readback per tensor). */
export async function flattenWeights(
  spec: ModelSpec,
  tensors: TensorMap,
  kind: 'params' | 'state',
): Promise<Float32Array> {
  const list = entries(spec, kind);
  const out = new Float32Array(list.reduce((n, p) => n + size(p.shape), 0));
  let offset = 0;
  for (const p of list) {
    const t = tensors[p.name];
    if (!t) throw new Error(`The weights have no tensor "${p.name}".`);
    out.set(await t.data<'float32'>(), offset);
    offset += size(p.shape);
  }
  return out;
}

/** The inverse of {@link flattenWeights}: new tensors (owned by the caller) of `spec`'s shapes. */
export function unflattenWeights(
  spec: ModelSpec,
  flat: Float32Array,
  kind: 'params' | 'state',
): TensorMap {
  const list = entries(spec, kind);
  const expected = list.reduce((n, p) => n + size(p.shape), 0);
  if (flat.length !== expected) {
    throw new Error(`Expected ${expected} ${kind} values for this model, got ${flat.length}.`);
  }
  const out: TensorMap = {};
  let offset = 0;
  for (const p of list) {
    out[p.name] = tf.tensor(flat.slice(offset, offset + size(p.shape)), p.shape, 'float32');
    offset += size(p.shape);
  }
  return out;
}

/** Every ArrayBuffer of the weights, for Comlink.transfer. */
export function weightBuffers(w: RunWeights): ArrayBuffer[] {
  const arrays = [...w.checkpoints, w.final, w.state, w.averaged?.params, w.averaged?.state];
  const buffers = arrays.filter((a): a is Float32Array => !!a).map((a) => a.buffer as ArrayBuffer);
  return [...new Set(buffers)];
}
