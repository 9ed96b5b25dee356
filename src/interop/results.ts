/** An imported `.h5` surface as the slice and grid results the existing views draw. */
import type { GridResult, SliceResult } from '../domain/api';
import { SURFACE_METRICS, type ImportedSurface, type SurfaceMetric } from './surface';

/** Each metric's values, or NaN where the file has none (the plots leave NaN out). */
function filled<T>(present: Partial<Record<SurfaceMetric, T>>, empty: () => T) {
  const out = {} as Record<SurfaceMetric, T>;
  for (const m of SURFACE_METRICS) out[m] = present[m] ?? empty();
  return out;
}

/**
 * A 1D surface becomes a slice over t = x; a 2D one a grid with rows indexed by b = y (the
 * orientation both formats share, see src/interop/surface.ts), plus the slice along its y = 0
 * row when that row exists.
 */
export function surfaceResults(s: ImportedSurface): {
  slice: SliceResult | null;
  grid: GridResult | null;
} {
  const n = s.x.length;
  if (s.kind === '1d') {
    const v = filled(s.values, () => new Array<number>(n).fill(NaN));
    return { slice: { t: s.x, ...v }, grid: null };
  }
  const rows = s.y.length;
  const v = filled(s.values, () =>
    Array.from({ length: rows }, () => new Array<number>(n).fill(NaN)),
  );
  const grid: GridResult = { a: s.x, b: s.y, ...v, elapsedMs: 0 };
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
