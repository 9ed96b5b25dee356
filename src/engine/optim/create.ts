import { adam, type AdamConfig } from './adam';
import { sam, type SamConfig } from './sam';
import { sgd, type SgdConfig } from './sgd';
import { swa, type SwaConfig } from './swa';
import type { GradientOptimizer, Optimizer } from './types';

/** A first-order optimizer as plain data. */
export type BaseOptimizerConfig = ({ type: 'sgd' } & SgdConfig) | ({ type: 'adam' } & AdamConfig);

/** Any optimizer as plain data (structured-clone friendly, so a worker can receive it). */
export type OptimizerConfig =
  | BaseOptimizerConfig
  | ({ type: 'sam'; base: BaseOptimizerConfig } & SamConfig)
  | {
      type: 'swa';
      base: BaseOptimizerConfig | ({ type: 'sam'; base: BaseOptimizerConfig } & SamConfig);
      swa: SwaConfig;
    }
  | ({ type: 'wasam'; base: BaseOptimizerConfig; swa: SwaConfig } & SamConfig);

/** Builds a first-order optimizer from its config. */
export function createBaseOptimizer(cfg: BaseOptimizerConfig): GradientOptimizer<unknown> {
  const { type, ...rest } = cfg;
  const opt = type === 'sgd' ? sgd(rest as SgdConfig) : adam(rest as AdamConfig);
  return opt as GradientOptimizer<unknown>;
}

/**
 * Builds any optimizer from its config. The state type is erased (`unknown`): it is only ever
 * handed back to the same optimizer. SWA-based optimizers' states are {@link SwaState}s.
 */
export function createOptimizer(cfg: OptimizerConfig): Optimizer<unknown> {
  switch (cfg.type) {
    case 'sgd':
    case 'adam':
      return createBaseOptimizer(cfg);
    case 'sam':
      return sam(createBaseOptimizer(cfg.base), { rho: cfg.rho, adaptive: cfg.adaptive ?? false });
    case 'swa':
      return swa(createOptimizer(cfg.base), cfg.swa) as Optimizer<unknown>;
    case 'wasam': {
      const inner = sam(createBaseOptimizer(cfg.base), {
        rho: cfg.rho,
        adaptive: cfg.adaptive ?? false,
      });
      return swa(inner, cfg.swa) as Optimizer<unknown>;
    }
  }
}

/** Whether an optimizer built from `cfg` keeps a weight average (its state is a SwaState). */
export function isAveraging(cfg: OptimizerConfig): boolean {
  return cfg.type === 'swa' || cfg.type === 'wasam';
}
