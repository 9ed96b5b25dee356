/** An imported `.h5` surface as the slice and grid results the existing views draw. */
import type { ImportedSurface } from '../../interop/h5';
import type { GridResult, SliceResult } from '../../worker/api';

type Values = number[] | number[][] | undefined;

function row(values: Values, n: number): number[] {
  const flat = values && !Array.isArray(values[0]) ? (values as number[]) : null;
  return flat && flat.length === n ? flat : new Array<number>(n).fill(NaN);
}

function matrix(values: Values, rows: number, cols: number): number[][] {
  const m = values && Array.isArray(values[0]) ? (values as number[][]) : null;
  const fits = m && m.length === rows && m.every((r) => r.length === cols);
  return fits ? m : Array.from({ length: rows }, () => new Array<number>(cols).fill(NaN));
}

/**
 * A 1D surface becomes a slice over t = x; a 2D one a grid with rows indexed by b = y (the
 * orientation of both formats), plus the slice along its y = 0 row when that row exists.
 * Missing quantities are NaN, which the plots leave out.
 */
export function surfaceResults(s: ImportedSurface): {
  slice: SliceResult | null;
  grid: GridResult | null;
} {
  const n = s.x.length;
  if (!s.y) {
    const slice = {
      t: s.x,
      trainLoss: row(s.trainLoss, n),
      testLoss: row(s.testLoss, n),
      trainAcc: row(s.trainAcc, n),
      testAcc: row(s.testAcc, n),
    };
    return { slice, grid: null };
  }
  const rows = s.y.length;
  const grid: GridResult = {
    a: s.x,
    b: s.y,
    trainLoss: matrix(s.trainLoss, rows, n),
    testLoss: matrix(s.testLoss, rows, n),
    trainAcc: matrix(s.trainAcc, rows, n),
    testAcc: matrix(s.testAcc, rows, n),
    elapsedMs: 0,
  };
  const zero = s.y.findIndex((y) => Math.abs(y) < 1e-12);
  const slice =
    zero < 0
      ? null
      : {
          t: s.x,
          trainLoss: grid.trainLoss[zero]!,
          testLoss: grid.testLoss[zero]!,
          trainAcc: grid.trainAcc[zero]!,
          testAcc: grid.testAcc[zero]!,
        };
  return { slice, grid };
}
