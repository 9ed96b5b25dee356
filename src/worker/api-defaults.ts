import type { FlatMinimaSettings, OptimizerId } from './api';

/**
 * Paper defaults. SAM ρ = 0.05 and ASAM ρ = 0.5 (Foret et al. 2021, Kwon et al. 2021);
 * SWA starts at 75% of the budget with lr_SWA = lr/2 and the SWA paper's schedule (Izmailov et al.
 * 2018); WASAM averages once per epoch from 75% of the budget (Kaddour et al. 2022).
 */
export function flatDefaults(optimizer: OptimizerId, lr: number): FlatMinimaSettings {
  const averaging = optimizer === 'swa' || optimizer === 'wasam';
  return {
    base: 'sgd',
    rho: 0.05,
    adaptive: false,
    swaStart: 0.75,
    swaEvery: 0,
    swaLr: lr / 2,
    schedule: averaging ? 'swa_linear' : 'constant',
    stepSize: 1,
    gamma: 0.5,
    cycle: 0,
    annealEpochs: 1,
    labelNoise: 0,
  };
}

/** The settings a run actually uses: defaults overridden by what the user set. */
export function resolveFlat(
  optimizer: OptimizerId,
  lr: number,
  flat: Partial<FlatMinimaSettings> | undefined,
): FlatMinimaSettings {
  const base = flatDefaults(optimizer, lr);
  const merged = { ...base, ...flat };
  // ASAM's radius is an order of magnitude larger; keep the paper default unless set.
  if (merged.adaptive && flat?.rho === undefined) merged.rho = 0.5;
  return merged;
}
