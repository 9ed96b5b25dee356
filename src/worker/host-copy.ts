import * as tf from '@tensorflow/tfjs';

/** A tensor read back into JavaScript memory, so it survives the loss of its GPU device. */
interface HostTensor {
  readonly __host: true;
  shape: number[];
  dtype: tf.DataType;
  values: tf.TypedArray;
}

function isHostTensor(v: unknown): v is HostTensor {
  return typeof v === 'object' && v !== null && (v as { __host?: unknown }).__host === true;
}

/**
 * Copies every tensor of a tree (objects, arrays, numbers, null — what params, BatchNorm state
 * and optimizer states are made of) into JavaScript memory. The copy is taken now: later
 * disposal of the tensors does not affect it.
 */
export async function toHost(tree: unknown): Promise<unknown> {
  if (tree instanceof tf.Tensor) {
    const values = (await tree.data()).slice();
    return { __host: true, shape: [...tree.shape], dtype: tree.dtype, values } as HostTensor;
  }
  if (Array.isArray(tree)) return Promise.all(tree.map(toHost));
  if (typeof tree === 'object' && tree !== null) {
    const entries = await Promise.all(
      Object.entries(tree).map(async ([k, v]) => [k, await toHost(v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return tree;
}

/** Uploads a tree copied by {@link toHost} to the current backend as new tensors (caller owns). */
export function fromHost<T>(tree: unknown): T {
  const walk = (v: unknown): unknown => {
    if (isHostTensor(v)) return tf.tensor(v.values, v.shape, v.dtype);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(tree) as T;
}

/** Every tensor of a tree, for disposal. */
export function tensorsOf(tree: unknown): tf.Tensor[] {
  if (tree instanceof tf.Tensor) return [tree];
  if (Array.isArray(tree)) return tree.flatMap(tensorsOf);
  if (typeof tree === 'object' && tree !== null) return Object.values(tree).flatMap(tensorsOf);
  return [];
}
