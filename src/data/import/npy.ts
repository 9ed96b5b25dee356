/**
 * NumPy's `.npy` format (numpy.lib.format, versions 1.0–3.0): the magic string, a little-endian
 * header length, a Python-literal header `{'descr': '<f4', 'fortran_order': False, 'shape': (N, D), }`
 * and the raw array. Written by hand: the format is a page long and the npm parser for it
 * (npyjs 1.2.0) ships without the ES module its package.json points at.
 */
import { ImportError } from './errors';

/** The dtypes a dataset may hold: floats, (unsigned) integers and booleans. */
export type NpyDtype = 'f4' | 'f8' | 'u1' | 'i1' | 'u2' | 'i2' | 'u4' | 'i4' | 'u8' | 'i8' | 'b1';

/** An array read from a `.npy` file, its values widened to float64 in C (row-major) order. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const SIZES: Record<NpyDtype, number> = {
  f4: 4,
  f8: 8,
  u1: 1,
  i1: 1,
  u2: 2,
  i2: 2,
  u4: 4,
  i4: 4,
  u8: 8,
  i8: 8,
  b1: 1,
};

/** The header's three fields, read with regular expressions on the fixed Python literal. */
function parseHeader(text: string, what: string) {
  const descr = /'descr'\s*:\s*'([<>|=])([a-z]\d+)'/.exec(text);
  if (!descr) throw new ImportError(`${what}: the .npy header has no simple dtype ('descr')`);
  const dtype = descr[2] as NpyDtype;
  if (!(dtype in SIZES))
    throw new ImportError(`${what}: dtype ${descr[2]} is not supported (floats, integers, bool)`);
  if (descr[1] === '>' && SIZES[dtype] > 1)
    throw new ImportError(`${what}: big-endian arrays are not supported; save with '<' order`);
  if (/'fortran_order'\s*:\s*True/.test(text))
    throw new ImportError(
      `${what}: Fortran-ordered arrays are not supported (np.ascontiguousarray)`,
    );
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!shapeText) throw new ImportError(`${what}: the .npy header has no shape`);
  const parts = shapeText[1]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const shape = parts.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (shape.some((d) => !Number.isSafeInteger(d)))
    throw new ImportError(`${what}: bad shape (${shapeText[1]})`);
  return { dtype, shape };
}

/** Reads element i of a little-endian buffer of `dtype` as a number. */
function reader(view: DataView, dtype: NpyDtype): (i: number) => number {
  switch (dtype) {
    case 'f4':
      return (i) => view.getFloat32(4 * i, true);
    case 'f8':
      return (i) => view.getFloat64(8 * i, true);
    case 'u1':
    case 'b1':
      return (i) => view.getUint8(i);
    case 'i1':
      return (i) => view.getInt8(i);
    case 'u2':
      return (i) => view.getUint16(2 * i, true);
    case 'i2':
      return (i) => view.getInt16(2 * i, true);
    case 'u4':
      return (i) => view.getUint32(4 * i, true);
    case 'i4':
      return (i) => view.getInt32(4 * i, true);
    case 'u8':
      return (i) => Number(view.getBigUint64(8 * i, true));
    case 'i8':
      return (i) => Number(view.getBigInt64(8 * i, true));
  }
}

/**
 * Parses a `.npy` file. Throws {@link ImportError} with a message naming `what` (e.g. the file or
 * the array inside an .npz) for anything that is not a complete, supported array.
 */
export function parseNpy(bytes: Uint8Array, what = 'the .npy file'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new ImportError(`${what} is not a NumPy .npy file (no \\x93NUMPY magic)`);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new ImportError(`${what}: .npy version ${major} is unknown`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes + headerLen;
  if (start > bytes.length) throw new ImportError(`${what}: the .npy header is cut short`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(8 + lenBytes, start),
  );
  const { dtype, shape } = parseHeader(header, what);
  const count = shape.reduce((a, b) => a * b, 1);
  const need = count * SIZES[dtype];
  if (bytes.length - start < need)
    throw new ImportError(`${what}: ${bytes.length - start} data bytes, its shape needs ${need}`);
  const body = new DataView(bytes.buffer, bytes.byteOffset + start, need);
  const read = reader(body, dtype);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = read(i);
  return { dtype, shape, data };
}
