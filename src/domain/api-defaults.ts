import type { FlatMinimaSettings, OptimizerId } from './api';

function schedule(optimizer: OptimizerId): FlatMinimaSettings['schedule'] {
  if (optimizer === 'wasam') return 'cosine';
  if (optimizer === 'fge') return 'fge';
  return optimizer === 'swa' ? 'swa_linear' : 'constant';
}

/**
 * Paper defaults. SAM ρ = 0.05 (Foret et al. 2021); ASAM ρ = 2.0, davda54/sam's README value for
 * its `adaptive=True` (T = |w|, no η), the ASAM the app implements. SWA starts at 75% of the
 * budget with lr_SWA = lr/2 and the SWA paper's schedule (Izmailov et al. 2018); WASAM follows
 * Kaddour et al.'s (2022) code: cosine LR over all epochs, averaging once per epoch from epoch
 * int(0.75·E). SWALR (when chosen) anneals over 1 epoch with torch's default `cos` shape. FGE
 * (Garipov et al. 2018) cycles between lr and α2 = lr/100 (their α1 = 5·10⁻², α2 = 5·10⁻⁴),
 * one epoch per cycle, from 75% of the budget, as SWA starts.
 */
export function flatDefaults(optimizer: OptimizerId, lr: number): FlatMinimaSettings {
  return {
    base: 'sgd',
    rho: 0.05,
    // The whole batch: SAM as Foret et al.'s Algorithm 1 states it.
    m: 0,
    adaptive: false,
    // The SAM of the paper's experiments: p = 2, first order (they drop the Hessian term).
    samP: '2',
    secondOrder: false,
    cosineEvery: 0,
    swaStart: 0.75,
    swaEvery: 0,
    swaLr: optimizer === 'fge' ? lr / 100 : lr / 2,
    schedule: schedule(optimizer),
    stepSize: 1,
    gamma: 0.5,
    cycle: 0,
    annealEpochs: 1,
    annealStrategy: 'cos',
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
  // ASAM's radius is relative to |w| and much larger; keep the paper default unless set.
  if (merged.adaptive && flat?.rho === undefined) merged.rho = 2;
  return merged;
}
