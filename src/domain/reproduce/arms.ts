/**
 * A preset's arms: what each run of a seed trains, the one place its training settings are
 * assembled (the preset's, then the arm's over them) and the names tables and verdicts use.
 */
import type { OptimizerId, TrainConfig } from '../api';
import { OPTIMIZER_NAMES } from '../optimizers';
import type { Arm, Preset } from './preset-types';

/** An arm that trains `optimizer` with the preset's settings, keyed by the optimizer's id. */
export function optimizerArm(optimizer: OptimizerId): Arm {
  return { id: optimizer, label: OPTIMIZER_NAMES[optimizer], optimizer };
}

/** The arm barriers are measured from (the first: SGD in the presets that have it). */
export function baselineArm(preset: Preset): Arm {
  const first = preset.arms[0];
  if (!first) throw new Error(`preset ${preset.id} has no arms`);
  return first;
}

/** The run's seed: the preset's seed plus the arm's offset (0 keeps the arms paired). */
export const armSeed = (arm: Arm, seed: number) => seed + (arm.seedOffset ?? 0);

/** The training settings of one arm's run for one seed: the preset's, the arm's over them. */
export function armConfig(preset: Preset, arm: Arm, seed: number): TrainConfig {
  const { flat, ...rest } = arm.train ?? {};
  const merged = { ...preset.train.flat, ...flat };
  const config: TrainConfig = {
    ...preset.train,
    ...rest,
    optimizer: arm.optimizer,
    seed: armSeed(arm, seed),
  };
  return Object.keys(merged).length > 0 ? { ...config, flat: merged } : config;
}

/** The arm's name for an id (the id itself when no arm has it). */
export function armLabel(preset: Preset, id: string): string {
  return preset.arms.find((a) => a.id === id)?.label ?? id;
}
