import type { OptimizerConfig } from '../engine/optim/create';
import type { TrainConfig } from './api';

/** Maps the UI's settings to the engine's optimizer config (PyTorch semantics, see engine). */
export function optimizerConfig(config: TrainConfig): OptimizerConfig {
  switch (config.optimizer) {
    case 'sgd':
      return {
        type: 'sgd',
        lr: config.lr,
        momentum: config.momentum,
        weightDecay: config.weightDecay,
      };
    case 'adam':
      return { type: 'adam', lr: config.lr, weightDecay: config.weightDecay };
  }
}
