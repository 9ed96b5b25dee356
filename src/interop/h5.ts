/**
 * PLACEHOLDER, to be replaced at merge by the real HDF5 reader written on another branch (issue 6
 * item 4). It keeps only the interface the Import control calls; importing `.h5` files fails with
 * a clear message until then.
 */

/**
 * A loss surface from Li et al.'s loss-landscape `.h5` files: `x` (xcoordinates), optional `y`
 * (ycoordinates), and the measured values: 1D arrays over x, or for 2D surfaces rows indexed by y
 * (row i belongs to y[i], as `np.meshgrid(x, y).ravel()` fills them).
 */
export interface ImportedSurface {
  x: number[];
  y?: number[];
  trainLoss?: number[] | number[][];
  trainAcc?: number[] | number[][];
  testLoss?: number[] | number[][];
  testAcc?: number[] | number[][];
  name: string;
}

/** PLACEHOLDER: the real reader (h5wasm) replaces this function at merge. */
export async function readH5Surface(bytes: Uint8Array): Promise<ImportedSurface> {
  void bytes;
  throw new Error('HDF5 import is not available in this build');
}
