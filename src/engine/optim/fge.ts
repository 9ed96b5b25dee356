import type { LrSchedule } from './schedules';
import type { SwaConfig } from './swa';

/**
 * The cycle of Fast Geometric Ensembling (Garipov et al. 2018, §4): after `start` steps at α1,
 * cycles of `cycle` steps of the piecewise-linear schedule (`LrSchedule` 'fge').
 */
export interface FgeCycle {
  alpha1: number;
  alpha2: number;
  /** Steps per cycle c (≥ 2). */
  cycle: number;
  /** Steps before the first cycle. */
  start: number;
}

/** The cycle's learning-rate schedule, counted in 0-based steps. */
export function fgeSchedule(c: FgeCycle): LrSchedule {
  return { type: 'fge', alpha1: c.alpha1, alpha2: c.alpha2, cycle: c.cycle, start: c.start };
}

/**
 * The steps (1-based) after which FGE takes a snapshot — and SWA on the same cycle averages: the
 * cycle's midpoint, i = ⌊c/2⌋ within each cycle (τ = 1/2, lr = α2, for even c; Garipov et al.'s
 * fge.py takes the model at `cycle // 2` too). Step s is taken when s ≥ startStep and
 * (s − startStep) is a multiple of `every` (`swaTakes`).
 */
export function fgeSnapshots(c: FgeCycle): SwaConfig {
  if (!(Number.isInteger(c.cycle) && c.cycle >= 2))
    throw new Error('FGE: the cycle needs ≥ 2 steps');
  return { startStep: c.start + Math.floor(c.cycle / 2), every: c.cycle };
}

/** How many snapshots a run of `totalSteps` steps takes on cycle `c`. */
export function fgeSnapshotCount(c: FgeCycle, totalSteps: number): number {
  const { startStep, every } = fgeSnapshots(c);
  return totalSteps < startStep ? 0 : Math.floor((totalSteps - startStep) / every) + 1;
}
