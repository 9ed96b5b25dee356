/** Public API of the engine: pure TF.js, no UI. */
export type { Batch, LayerSpec, Mode, ModelSpec, ModelState, Params, TensorMap } from './types';

// Model
export { apply, type ApplyResult } from './model/apply';
export { activationShapes, countParams, paramShapes, stateShapes } from './model/params';
export type { ParamInfo, ParamKind, StateInfo } from './model/params';
export { initModel, type InitResult } from './model/init';
export { MODEL_ZOO, type ZooEntry, type ZooModelId } from './model/zoo';
export { accuracy, correctCount, perExampleCrossEntropy, softmaxCrossEntropy } from './loss';
export { evaluate, type EvalResult } from './evaluate';

// Optimizers
export type {
  GradientOptimizer,
  LossAndGrad,
  LossAndGradOptions,
  LossAndGradResult,
  Optimizer,
  StepOptions,
  StepOutput,
  UpdateOutput,
} from './optim/types';
export { sgd, gradientStep, type SgdConfig, type SgdState } from './optim/sgd';
export { adam, type AdamConfig, type AdamState } from './optim/adam';
export { sam, samPerturbation, type SamConfig, type SamNorm } from './optim/sam';
export { cosineOf, samUpdateCosine, samUpdates, type SamUpdates } from './optim/sam-cosine';
export { secondOrderGradient } from './optim/sam-second-order';
export { averageInto, swa, swaTakes, wasam, type SwaConfig, type SwaState } from './optim/swa';
export { recomputeBatchNorm } from './optim/bn-recompute';
export { lrAt, type LrSchedule } from './optim/schedules';
export {
  createBaseOptimizer,
  createOptimizer,
  isAveraging,
  type BaseOptimizerConfig,
  type BaseOptimizerState,
  type OptimizerConfig,
  type OptimizerState,
} from './optim/create';
export { cloneTensors, disposeTensors, mapTensors } from './optim/tensors';

// Training
export { makeLossAndGrad } from './train/loss-and-grad';
export { createTrainer, type Trainer, type TrainState, type TrainStepOutput } from './train/step';
export {
  ensembleCurve,
  probsMetrics,
  softmaxProbs,
  type EnsembleCurve,
  type EnsembleMember,
} from './ensemble';
export { fgeSchedule, fgeSnapshotCount, fgeSnapshots, type FgeCycle } from './optim/fge';
