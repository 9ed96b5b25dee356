import { DEFAULT_SETTINGS } from '../schema';
import type { LandscapeConfig, OptimizerId, TrainConfig } from '../worker/api';

/**
 * The defaults of a fresh page, from the settings schema (src/schema/settings.ts), which owns
 * every default and says why each was chosen. Directions and BatchNorm mode are left out: absent,
 * the worker applies the same defaults.
 */
function withoutKeys<T extends object, K extends keyof T>(value: T, keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

export const DEFAULT_TRAIN: TrainConfig = withoutKeys(DEFAULT_SETTINGS.train, ['flat']);

export const DEFAULT_LANDSCAPE: LandscapeConfig = withoutKeys(DEFAULT_SETTINGS.landscape, [
  'directions',
  'bn',
]);

/**
 * The order in which `compare` trains its runs, and each optimizer's short name and colour, as
 * the worker defines them (`COMPARE_ORDER` in service.ts, `OPTIMIZER_NAMES` and `RUN_COLORS` in
 * runs.ts). Mirrored because importing those modules would pull TF.js into the main thread; a
 * unit test keeps the copies equal. The UI needs them while a run trains, before its RunInfo
 * (the authority on names and colours) exists.
 */
export const COMPARE_ORDER: readonly OptimizerId[] = ['sgd', 'swa', 'sam', 'wasam'];

export const OPTIMIZER_NAMES: Readonly<Record<OptimizerId, string>> = {
  sgd: 'SGD',
  adam: 'Adam',
  swa: 'SWA',
  sam: 'SAM',
  wasam: 'WASAM',
};

export const OPTIMIZER_COLORS: Readonly<Record<OptimizerId, string>> = {
  sgd: '#1f77b4',
  adam: '#ff7f0e',
  swa: '#2ca02c',
  sam: '#d62728',
  wasam: '#9467bd',
};
