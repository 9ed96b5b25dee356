/** Writes `.npy` files (version 1.0, little-endian) for tests, as numpy.save would. */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const SIZES = { f4: 4, f8: 8, u1: 1, i4: 4 } as const;

export function writeNpy(array: {
  dtype: keyof typeof SIZES;
  shape: number[];
  data: ArrayLike<number>;
}): Uint8Array {
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${array.dtype === 'u1' ? '|' : '<'}${array.dtype}', 'fortran_order': False, 'shape': ${shape}, }`;
  // The header is padded with spaces and ends in a newline so the data starts 64-byte aligned.
  const pad = 64 - ((10 + header.length + 1) % 64);
  header = `${header}${' '.repeat(pad % 64)}\n`;
  const size = SIZES[array.dtype];
  const out = new Uint8Array(10 + header.length + array.data.length * size);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const o = 10 + header.length;
  for (let i = 0; i < array.data.length; i++) {
    const v = array.data[i]!;
    if (array.dtype === 'f4') view.setFloat32(o + 4 * i, v, true);
    else if (array.dtype === 'f8') view.setFloat64(o + 8 * i, v, true);
    else if (array.dtype === 'i4') view.setInt32(o + 4 * i, v, true);
    else view.setUint8(o + i, v);
  }
  return out;
}
