/**
 * Batched landscape evaluation: K weight sets of one model in a single forward pass (batched
 * matMul for dense layers, grouped conv emulated by a depthwise conv), and the grid that uses it.
 */
export { applyBatched, batchedElementsPerSample } from './forward';
export { stackOffsets, stackParams } from './stack';
export {
  batchedChunkSize,
  evaluateBatched,
  makeBatchedEvalFns,
  type BatchedEvalFn,
  type BatchedEvalFns,
  type BatchedEvalOptions,
  type BatchedEvalResult,
  type EvalSets,
} from './evaluate';
export { batchedRow, grid2dBatched, runGridRows, type RowEvaluator } from './grid';
export {
  chooseGridPath,
  grid2dAuto,
  gridProblemKey,
  gridRowEvaluators,
  isGridPathCalibrated,
  resetGridPathCalibration,
  type AutoGridOptions,
  type AutoGridResult,
  type GridModel,
  type GridPath,
} from './choose';
