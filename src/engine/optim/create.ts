import { adam, type AdamConfig, type AdamState } from './adam';
import { msam } from './msam';
import { sam, type SamConfig } from './sam';
import { sgd, type SgdConfig, type SgdState } from './sgd';
import { swa, type SwaConfig, type SwaState } from './swa';
import type { GradientOptimizer, Optimizer } from './types';

/**
 * SAM as plain data: m > 0 computes ε per sub-batch of m rows (m-SAM, optim/msam.ts); 0 or
 * absent, on the whole batch.
 */
type SamOptimizerConfig = { type: 'sam'; base: BaseOptimizerConfig; m?: number } & SamConfig;

/** A first-order optimizer as plain data. */
export type BaseOptimizerConfig = ({ type: 'sgd' } & SgdConfig) | ({ type: 'adam' } & AdamConfig);

/** Any optimizer as plain data (structured-clone friendly, so a worker can receive it). */
export type OptimizerConfig =
  | BaseOptimizerConfig
  | SamOptimizerConfig
  | { type: 'swa'; base: BaseOptimizerConfig | SamOptimizerConfig; swa: SwaConfig }
  | ({ type: 'wasam'; base: BaseOptimizerConfig; swa: SwaConfig; m?: number } & SamConfig);

/**
 * State of a first-order optimizer; SAM keeps its base optimizer's state as is (the perturbation
 * lives only within a step).
 */
export type BaseOptimizerState = SgdState | AdamState;

/**
 * State of any optimizer built by {@link createOptimizer}: its tensors (momentum buffers, Adam
 * moments, the SWA average) have the shapes of the params. SWA and WASAM states are
 * {@link SwaState}s around the base state.
 */
export type OptimizerState = BaseOptimizerState | SwaState<BaseOptimizerState>;

/** Builds a first-order optimizer from its config. */
export function createBaseOptimizer(
  cfg: BaseOptimizerConfig,
): GradientOptimizer<BaseOptimizerState> {
  const { type, ...rest } = cfg;
  return type === 'sgd' ? sgd(rest as SgdConfig) : adam(rest as AdamConfig);
}

/**
 * Builds any optimizer from its config. Its state is only ever handed back to the same optimizer;
 * SWA-based optimizers' states are {@link SwaState}s (see {@link isAveraging}).
 */
export function createOptimizer(cfg: OptimizerConfig): Optimizer<OptimizerState> {
  switch (cfg.type) {
    case 'swa':
      return swa(createBaseOrSam(cfg.base), cfg.swa);
    case 'wasam': {
      const { base, rho, adaptive, m, p, secondOrder } = cfg;
      return swa(createBaseOrSam({ type: 'sam', base, rho, adaptive, m, p, secondOrder }), cfg.swa);
    }
    default:
      return createBaseOrSam(cfg);
  }
}

/** The optimizer SWA wraps: a first-order one, or SAM around one (whose state is its base's). */
function createBaseOrSam(
  cfg: Extract<OptimizerConfig, { type: 'swa' }>['base'],
): Optimizer<BaseOptimizerState> {
  if (cfg.type !== 'sam') return createBaseOptimizer(cfg);
  const { rho, adaptive, p, secondOrder, m } = cfg;
  // Only the settings a config carries: a p = 2 first-order SAM is built exactly as before.
  const samCfg = {
    rho,
    adaptive: adaptive ?? false,
    ...(p !== undefined ? { p } : {}),
    ...(secondOrder !== undefined ? { secondOrder } : {}),
  };
  if (m) {
    // The schema refuses the pair; the engine says why if it is asked anyway.
    if (secondOrder)
      throw new Error('m-SAM has no second-order gradient: set m = 0 or first order');
    return msam(createBaseOptimizer(cfg.base), { ...samCfg, m });
  }
  return sam(createBaseOptimizer(cfg.base), samCfg);
}

/** Whether an optimizer built from `cfg` keeps a weight average (its state is a SwaState). */
export function isAveraging(cfg: OptimizerConfig): boolean {
  return cfg.type === 'swa' || cfg.type === 'wasam';
}
