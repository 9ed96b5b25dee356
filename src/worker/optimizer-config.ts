import type { BaseOptimizerConfig, OptimizerConfig } from '../engine/optim/create';
import { lrAt, type LrSchedule } from '../engine/optim/schedules';
import { fgeSchedule, fgeSnapshots, type FgeCycle } from '../engine/optim/fge';
import type { SwaConfig } from '../engine/optim/swa';
import type { BaseOptimizerId, FlatMinimaSettings, OptimizerId, TrainConfig } from '../domain/api';
import { resolveFlat } from '../domain/api-defaults';

/** Everything the loop needs to run an optimizer: engine config, lr per step, averaging plan. */
export interface OptimizerPlan {
  optimizer: OptimizerConfig;
  /** Learning rate of 1-based step `step` in 1-based epoch `epoch`. */
  lr: (epoch: number, step: number) => number;
  swa: SwaConfig | null;
  /** FGE: the steps after which the loop keeps a snapshot (the cycle's midpoints). */
  snapshots: SwaConfig | null;
  flat: FlatMinimaSettings;
}

function baseConfig(id: BaseOptimizerId, config: TrainConfig): BaseOptimizerConfig {
  return id === 'sgd'
    ? { type: 'sgd', lr: config.lr, momentum: config.momentum, weightDecay: config.weightDecay }
    : { type: 'adam', lr: config.lr, weightDecay: config.weightDecay };
}

/**
 * When averaging runs: once per epoch (as the SWA and WASAM reference code do) from the end of
 * 1-based epoch ⌈swaStart·epochs⌉ for SWA, int(swaStart·epochs) for WASAM (Kaddour et al.'s
 * `MultipleSWAModels`: `epoch >= int(p·max_epochs)`, epochs counted from 1), at least 1; or
 * every k steps from step ⌈swaStart·total⌉.
 */
export function swaPlan(
  flat: FlatMinimaSettings,
  epochs: number,
  stepsPerEpoch: number,
  optimizer: OptimizerId = 'swa',
): SwaConfig {
  if (flat.swaEvery <= 0) {
    const at = flat.swaStart * epochs;
    const first = optimizer === 'wasam' ? Math.floor(at) : Math.ceil(at);
    const startEpoch = Math.min(epochs, Math.max(1, first));
    return { startStep: startEpoch * stepsPerEpoch, every: stepsPerEpoch };
  }
  const total = epochs * stepsPerEpoch;
  return {
    startStep: Math.min(total, Math.max(1, Math.ceil(flat.swaStart * total))),
    every: flat.swaEvery,
  };
}

/**
 * The FGE cycle (Garipov et al. 2018) of a run: lr for the first ⌊swaStart·total⌋ steps, then
 * cycles of c steps (0: one epoch) between lr and swaLr. Throws when no midpoint fits.
 */
export function fgeCycle(config: TrainConfig, flat: FlatMinimaSettings, spe: number): FgeCycle {
  const total = config.epochs * spe;
  const cycle = flat.cycle > 0 ? flat.cycle : spe;
  const c: FgeCycle = {
    alpha1: config.lr,
    alpha2: flat.swaLr,
    cycle,
    start: Math.floor(flat.swaStart * total),
  };
  if (cycle < 2) throw new Error('FGE needs a cycle of at least 2 steps (one epoch has 1 step).');
  if (fgeSnapshots(c).startStep > total) {
    throw new Error(
      `FGE: no cycle midpoint fits in ${total} steps after ${c.start} (cycle ${cycle} steps): ` +
        'lower the start fraction or the cycle, or train longer.',
    );
  }
  return c;
}

/** The schedule as the engine defines it, counted in epochs except the cyclical one (steps). */
function schedule(
  config: TrainConfig,
  flat: FlatMinimaSettings,
  swa: SwaConfig | null,
  spe: number,
): LrSchedule {
  const lr = config.lr;
  const swaStartEpoch = swa
    ? Math.ceil(swa.startStep / spe)
    : Math.ceil(flat.swaStart * config.epochs);
  switch (flat.schedule) {
    case 'constant':
      return { type: 'constant', lr };
    case 'cosine':
      return { type: 'cosine', lr, total: config.epochs };
    case 'step':
      return { type: 'step', lr, stepSize: flat.stepSize, gamma: flat.gamma };
    case 'fge':
      return fgeSchedule(fgeCycle(config, flat, spe));
    case 'cyclical':
      return {
        type: 'cyclical',
        alpha1: lr,
        alpha2: flat.swaLr,
        cycle: flat.cycle > 0 ? flat.cycle : spe,
      };
    case 'swa_linear':
      return { type: 'swa_linear', lr, swaLr: flat.swaLr, swaStart: Math.max(1, swaStartEpoch) };
    case 'sgd_baseline':
      // Izmailov et al.'s train.py without --swa: t = epoch/epochs, lr_ratio = 0.01.
      return { type: 'swa_linear', lr, swaLr: 0.01 * lr, swaStart: config.epochs };
    case 'swalr':
      return {
        type: 'swalr',
        initialLr: lr,
        swaLr: flat.swaLr,
        annealEpochs: flat.annealEpochs,
        annealStrategy: flat.annealStrategy,
      };
  }
}

function lrFunction(s: LrSchedule, swa: SwaConfig | null, spe: number): OptimizerPlan['lr'] {
  if (s.type === 'cyclical' || s.type === 'fge') return (_epoch, step) => lrAt(s, step - 1);
  if (s.type === 'swalr') {
    // SWALR is stepped once per epoch after averaging starts; before that the lr is constant.
    const startEpoch = swa ? Math.ceil(swa.startStep / spe) : 1;
    return (epoch) => (epoch <= startEpoch ? s.initialLr : lrAt(s, epoch - startEpoch));
  }
  return (epoch) => lrAt(s, epoch - 1);
}

/** Maps the UI's settings to the engine (PyTorch semantics; see the engine's optimizers). */
export function optimizerPlan(config: TrainConfig, stepsPerEpoch: number): OptimizerPlan {
  const resolved = resolveFlat(config.optimizer, config.lr, config.flat);
  // FGE's snapshots are its cycle's midpoints: it runs no other schedule.
  const flat: FlatMinimaSettings =
    config.optimizer === 'fge' ? { ...resolved, schedule: 'fge' } : resolved;
  const averaging = config.optimizer === 'swa' || config.optimizer === 'wasam';
  // On the FGE cycle, SWA averages where FGE takes its snapshots (Izmailov et al.'s comparison).
  const midpoints =
    flat.schedule === 'fge' ? fgeSnapshots(fgeCycle(config, flat, stepsPerEpoch)) : null;
  const swa = !averaging
    ? null
    : (midpoints ?? swaPlan(flat, config.epochs, stepsPerEpoch, config.optimizer));
  const base = baseConfig(
    config.optimizer === 'adam' ? 'adam' : config.optimizer === 'sgd' ? 'sgd' : flat.base,
    config,
  );
  const sam = {
    rho: flat.rho,
    adaptive: flat.adaptive,
    // Only what departs from the SAM of before, so a default run's config is as it was.
    ...(flat.m > 0 ? { m: flat.m } : {}),
    ...(flat.samP === 'inf' ? { p: 'inf' as const } : {}),
    ...(flat.secondOrder ? { secondOrder: true } : {}),
  };
  let optimizer: OptimizerConfig;
  if (config.optimizer === 'sam') optimizer = { type: 'sam', base, ...sam };
  else if (config.optimizer === 'swa') optimizer = { type: 'swa', base, swa: swa! };
  else if (config.optimizer === 'wasam') optimizer = { type: 'wasam', base, swa: swa!, ...sam };
  else optimizer = base;
  const s = schedule(config, flat, swa, stepsPerEpoch);
  const snapshots = config.optimizer === 'fge' ? midpoints : null;
  return { optimizer, lr: lrFunction(s, swa, stepsPerEpoch), swa, snapshots, flat };
}
