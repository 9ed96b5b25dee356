/** Public API of the loss-landscape tools (Li et al. 2018 directions, slices, grids, curvature). */
export {
  disposeParams,
  dotParams,
  flattenParams,
  lerpParams,
  mapParams,
  normParams,
  offsetParams,
  unflattenParams,
} from './combine';
export {
  cosine,
  directionPair,
  filterNormalizedDirection,
  orthogonalize,
  randomDirection,
  type DirectionPairOptions,
} from './directions';
export {
  normalizeDirection,
  normalizeFilterwise,
  normalizeLayerwise,
  type Normalization,
  type NormalizeOptions,
} from './normalize';
export {
  evaluateBatch,
  linspace,
  lossAt,
  pointAt,
  type EvalFn,
  type EvalFns,
  type LossAcc,
  type PointResult,
  type PointValues,
  type Progress,
  type RunOptions,
} from './points';
export {
  DEFAULT_ALPHAS,
  DEFAULT_SLICE_TS,
  grid2d,
  grid2dRefined,
  interpolate,
  slice1d,
  type InterpolationResult,
  type SliceOptions,
} from './surface';
export {
  coarseIndices,
  perPointRows,
  REFINE_MIN_SIZE,
  refinementPlan,
  runGridRows,
  runRefinedGrid,
  subGrid,
  type GridTask,
  type RefineOptions,
  type RowEvaluator,
} from './grid-rows';
export {
  hessianLambdaMax,
  hessianTopEigen,
  hessianTrace,
  type EigenOptions,
  type EigenResult,
  type HvpFn,
  type LossFn,
  type TraceOptions,
  type TraceResult,
} from './hessian';
export { hessianExtremes, type ExtremeEigenOptions, type ExtremeEigenResult } from './lanczos';
export { curvatureMap, type CurvatureMapValues } from './curvature-map';
export { pcaDirections, type PcaResult } from './pca';
export {
  adaptiveRhoSharpness,
  adaptiveScale,
  isBiasLike,
  rhoSharpness,
  valueAndGradient,
  type AdaptiveOptions,
  type WorstCaseOptions,
  type WorstCaseResult,
} from './sharpness';
export {
  averagePerturbation,
  averageSharpness,
  type AverageCaseOptions,
  type AverageCaseResult,
  type AverageDirection,
} from './sharpness-average';
export {
  basinWidth,
  type BasinOptions,
  type BasinThreshold,
  type BasinWidthResult,
} from '../../domain/sharpness-basin';
export {
  SHARPNESS_STAGES,
  sharpnessReport,
  type SharpnessProgress,
  type SharpnessReport,
  type SharpnessReportOptions,
  type SharpnessStage,
} from './sharpness-report';
export {
  projectOntoPlane,
  trajectoryPca,
  trajectoryPlane,
  type PlaneCoords,
  type TrajectoryPca,
} from './trajectory';
