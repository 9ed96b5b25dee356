import * as tf from '@tensorflow/tfjs';
import type { TensorMap } from '../types';

/** Looks a tensor up by name, with an error that names the missing key. */
export function get(map: TensorMap, name: string): tf.Tensor {
  const t = map[name];
  if (!t) throw new Error(`missing tensor ${name}`);
  return t;
}

/**
 * New map with `f` applied to each entry (same keys, same order), each under its own tidy so
 * intermediates are released as it goes. Borrows the input map.
 */
export function mapTensors(
  map: TensorMap,
  f: (t: tf.Tensor, name: string) => tf.Tensor,
): TensorMap {
  const out: TensorMap = {};
  for (const [name, t] of Object.entries(map)) out[name] = tf.tidy(() => f(t, name));
  return out;
}

/** New handles on the same data (no copy): safe to dispose independently of the originals. */
export function cloneTensors(map: TensorMap): TensorMap {
  return mapTensors(map, (t) => tf.clone(t));
}

/** Disposes every tensor of a map (or of several). */
export function disposeTensors(...maps: (TensorMap | null | undefined)[]): void {
  for (const m of maps) if (m) tf.dispose(Object.values(m));
}
