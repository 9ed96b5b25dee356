/**
 * Copies selected examples out of the raw uint8 arrays into the typed arrays tensors are built
 * from. Pixels are scaled to [0, 1] as fround(v / 255), which is exactly what PyTorch's
 * float32 `x / 255` gives, so inputs match the reference fixtures bit for bit. Float32 data
 * (toy points) is copied as it is.
 */
import type { DatasetSplit } from './load';

const SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

function checkIndex(index: number, count: number, k: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`index ${index} at position ${k} is outside 0..${count - 1}`);
  }
}

/**
 * One example's shape [H, W, C] in a split: its own when it says (imported data), else uint8 splits
 * hold 28 × 28 greyscale images, float32 splits feature vectors (a toy point's D = 2 as [1, 1, D]).
 */
export function exampleShape(split: DatasetSplit): [number, number, number] {
  if (split.shape) return split.shape;
  if (split.images instanceof Uint8Array) return [28, 28, 1];
  return [1, 1, split.count > 0 ? split.images.length / split.count : 2];
}

/**
 * Images `indices` of a row-major uint8 array, as float32 in [0, 1], in the order given
 * (float32 examples are copied unscaled).
 */
export function gatherImages(
  images: Uint8Array | Float32Array,
  indices: ArrayLike<number>,
  pixels = 784,
): Float32Array {
  if (!Number.isInteger(pixels) || pixels <= 0 || images.length % pixels !== 0) {
    throw new RangeError(`${images.length} bytes is not a whole number of ${pixels}-pixel images`);
  }
  const count = images.length / pixels;
  const out = new Float32Array(indices.length * pixels);
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!;
    checkIndex(index, count, k);
    const src = index * pixels;
    const dst = k * pixels;
    if (images instanceof Float32Array) out.set(images.subarray(src, src + pixels), dst);
    else for (let p = 0; p < pixels; p++) out[dst + p] = SCALE[images[src + p]!]!;
  }
  return out;
}

/** Labels `indices`, widened to int32 (what tf.oneHot and sparse losses take). */
export function gatherLabels(labels: Uint8Array, indices: ArrayLike<number>): Int32Array {
  const out = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!;
    checkIndex(index, labels.length, k);
    out[k] = labels[index]!;
  }
  return out;
}
