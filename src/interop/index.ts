/**
 * Interop with other tools' files. `readH5Surface` / `writeH5Surface`: loss surfaces in the
 * `.h5` layout of Li et al.'s loss-landscape code, in Flatland's grid orientation; `surfaceResults`:
 * such a surface as the slice and grid results the app draws.
 */
export { surfaceResults } from './results';
export { readH5Surface, writeH5Surface } from './h5-surface';
export {
  checkSurface,
  H5_DATASETS,
  H5SurfaceError,
  presentMetrics,
  SURFACE_METRICS,
  surfaceFromGrid,
  surfaceFromSlice,
  type ImportedSurface,
  type Surface1D,
  type Surface2D,
  type SurfaceMetric,
} from './surface';
