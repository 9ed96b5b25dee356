// Tensor shapes and counts are TF-free, so they live in the domain (a saved file's weights are
// checked against them without TF.js); the engine's model code takes them from here.
export {
  activationShapes,
  countParams,
  paramShapes,
  stateShapes,
  type ParamInfo,
  type ParamKind,
  type StateInfo,
} from '../../domain/model';
