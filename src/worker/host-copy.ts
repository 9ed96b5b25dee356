import * as tf from '@tensorflow/tfjs';

/** A tensor read back into JavaScript memory, so it survives the loss of its GPU device. */
export interface HostTensor {
  readonly __host: true;
  shape: number[];
  dtype: tf.DataType;
  values: tf.TypedArray;
}

/**
 * The type of a tree of tensors once copied to the host: every tensor becomes a
 * {@link HostTensor} of the same shape, everything else (numbers, null, nesting) stays. Typing the
 * copy by what it was copied from lets {@link fromHost} give back the original type, not `unknown`.
 */
export type Hosted<T> = T extends tf.Tensor
  ? HostTensor
  : T extends readonly (infer U)[]
    ? Hosted<U>[]
    : T extends object
      ? { [K in keyof T]: Hosted<T[K]> }
      : T;

function isHostTensor(v: unknown): v is HostTensor {
  return typeof v === 'object' && v !== null && (v as { __host?: unknown }).__host === true;
}

async function copyTree(tree: unknown): Promise<unknown> {
  if (tree instanceof tf.Tensor) {
    const values = (await tree.data()).slice();
    return { __host: true, shape: [...tree.shape], dtype: tree.dtype, values } as HostTensor;
  }
  if (Array.isArray(tree)) return Promise.all(tree.map(copyTree));
  if (typeof tree === 'object' && tree !== null) {
    const entries = await Promise.all(
      Object.entries(tree).map(async ([k, v]) => [k, await copyTree(v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return tree;
}

/**
 * Copies every tensor of a tree (objects, arrays, numbers, null — what params, BatchNorm state
 * and optimizer states are made of) into JavaScript memory. The copy is taken now: later
 * disposal of the tensors does not affect it.
 */
export function toHost<T>(tree: T): Promise<Hosted<T>> {
  // The walk is generic over any tree; `Hosted<T>` states what it makes of this one.
  return copyTree(tree) as Promise<Hosted<T>>;
}

/** Uploads a tree copied by {@link toHost} to the current backend as new tensors (caller owns). */
export function fromHost<T>(tree: Hosted<T>): T {
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
