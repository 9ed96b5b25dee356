import { DEFAULT_SETTINGS } from '../schema';
import type { LandscapeConfig, TrainConfig } from '../domain/api';

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

/** The training settings of a fresh page (flat-minima settings follow the optimizer). */
export const DEFAULT_TRAIN: TrainConfig = withoutKeys(DEFAULT_SETTINGS.train, ['flat']);

/** The landscape settings of a fresh page. */
export const DEFAULT_LANDSCAPE: LandscapeConfig = withoutKeys(DEFAULT_SETTINGS.landscape, [
  'directions',
  'bn',
]);
